import { weftTsup } from "../../scripts/tsup-config.js";

export default weftTsup({ entry: ["src/index.ts", "src/bin.ts"] });
