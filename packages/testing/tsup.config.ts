import { weftTsup } from "../../scripts/tsup-config.js";

// bin.ts becomes dist/bin.js, the `weft-mock-server` executable (esbuild keeps its shebang).
export default weftTsup({ entry: ["src/index.ts", "src/bin.ts"] });
