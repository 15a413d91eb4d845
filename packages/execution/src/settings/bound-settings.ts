import { type BindOptions, type BoundConfig, boundConfigOf, type Module } from "@weft/core";
import type { ResourceConfigInput, ResourceManager } from "@weft/resources";
import type { ExecutionSettings } from "./execution-settings.js";

/**
 * The settings a `bind(resources, options)` call stands for: `resources`, plus the options, with plait's names
 * mapped to weft's (`maxConcurrent` → `maxConcurrency`, `checkpointDir` and `executionId` → `checkpoint`);
 * other options are execution settings as they are.
 */
export function boundSettings(config: BoundConfig): ExecutionSettings {
  const { maxConcurrent, checkpointDir, executionId, ...rest } = config.options as BindOptions &
    ExecutionSettings;
  const settings: Record<string, unknown> = { ...rest };
  if (config.resources !== undefined && config.resources !== null) {
    settings.resources = config.resources as ResourceManager | ResourceConfigInput;
  }
  if (maxConcurrent !== undefined) settings.maxConcurrency = maxConcurrent;
  if (checkpointDir !== undefined) {
    settings.checkpoint = { dir: checkpointDir, ...(executionId === undefined ? {} : { executionId }) };
  }
  return settings as ExecutionSettings;
}

/** The settings layer of `module`'s binding (see {@link boundSettings}); `undefined` when it is not bound. */
export function bindingLayer(module: Module): ExecutionSettings | undefined {
  const config = boundConfigOf(module);
  return config ? boundSettings(config) : undefined;
}
