import { expectTypeOf, it } from "vitest";
import type { Parameter } from "./parameter.js";

it("Parameter is covariant", () => {
  expectTypeOf<Parameter<string>>().toExtend<Parameter>();
});
