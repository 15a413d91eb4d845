import { optimize } from "./optimize.js";
import { parseOptions } from "./options.js";

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
await optimize(options, (line) => console.log(line));
