// The `F` namespace: `import { F } from "@weft/core"`, then `F.render(...)`, `F.select(...)`.
export { max, mean, min, sum } from "./aggregate-ops.js";
export { chatComplete } from "./chat-complete.js";
export { coerce } from "./coerce.js";
export { mapValues, stackStructured, zipValues } from "./collection-ops.js";
export { isError, unwrapOr, withMeta } from "./error-ops.js";
export { add, div, mul, sub } from "./numeric-ops.js";
export { extractMeta, extractText } from "./response-ops.js";
export { select } from "./select.js";
export { merge, parseStructured } from "./structured-ops.js";
export { concat, format, lower, render, strip, tryRender, upper } from "./text-ops.js";
