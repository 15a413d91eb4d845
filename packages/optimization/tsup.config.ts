import { weftTsup } from "../../scripts/tsup-config.js";

export default weftTsup();
