import { EventEmitter } from "eventemitter3";

/** Who an event belongs to, echoed on every event of a call so subscribers can attribute it. */
export interface EventContext {
  readonly runId?: string;
  readonly itemId?: string;
  readonly nodeId?: string;
  readonly modulePath?: string;
}

/** The fields every weft event has. Packages extend it with a literal `type` and their own fields. */
export interface WeftEvent<TType extends string = string> {
  readonly type: TType;
  /** When it happened, on the emitter's Clock (milliseconds). */
  readonly time: number;
  readonly context?: EventContext;
}

/** Options of an {@link EventBus}. */
export interface EventBusOptions {
  /** Called when a listener throws; the emitter carries on. Default: `console.error`. */
  readonly onListenerError?: (error: unknown, event: WeftEvent) => void;
}

const ANY = Symbol("any");

/**
 * A typed event bus over eventemitter3. Emitting with no listener costs almost nothing, so the
 * runtime emits unconditionally. A throwing listener never breaks the emitter.
 *
 * @example
 * ```ts
 * type Events = WeftEvent<"node.started"> & { nodeId: string };
 * const bus = new EventBus<Events>();
 * const off = bus.on("node.started", (e) => console.log(e.nodeId));
 * ```
 */
export class EventBus<E extends WeftEvent> {
  private readonly emitter = new EventEmitter();
  private readonly onListenerError: (error: unknown, event: WeftEvent) => void;

  constructor(options: EventBusOptions = {}) {
    this.onListenerError =
      options.onListenerError ?? ((error) => console.error("weft: event listener threw", error));
  }

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<T extends E["type"]>(type: T, listener: (event: Extract<E, { type: T }>) => void): () => void {
    const wrapped = this.guard(listener as (event: E) => void);
    this.emitter.on(type, wrapped);
    return () => this.emitter.off(type, wrapped);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onAny(listener: (event: E) => void): () => void {
    const wrapped = this.guard(listener);
    this.emitter.on(ANY, wrapped);
    return () => this.emitter.off(ANY, wrapped);
  }

  emit(event: E): void {
    this.emitter.emit(event.type, event);
    this.emitter.emit(ANY, event);
  }

  /** Whether anybody listens to `type` (or to everything); lets emitters skip building costly events. */
  hasListeners(type?: E["type"]): boolean {
    return (
      this.emitter.listenerCount(ANY) > 0 || (type !== undefined && this.emitter.listenerCount(type) > 0)
    );
  }

  private guard(listener: (event: E) => void): (event: E) => void {
    return (event) => {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error, event);
      }
    };
  }
}
