// Child process of run-folder-kill.test.ts: writes entries to a run folder until it is killed.
import { RunFolder } from "./run-folder.js";
import { folderOptions, okEntry } from "./test-folder.js";

const dir = process.argv[2] as string;
const folder = await RunFolder.open(
  dir,
  folderOptions({ maxLinesPerFile: 7, highWaterMark: 5, resume: true }),
);
for (let n = 1; n <= 1_000_000; n++) {
  if (folder.stateOf(String(n), okEntry(n).inputHash) === "committed") continue;
  await folder.write(
    okEntry(n, {
      rows: [
        { rowId: `${n}#0`, output: "a" },
        { rowId: `${n}#1`, output: "b" },
      ],
    }),
  );
  if (n % 40 === 0) {
    await folder.flush();
    process.stdout.write(`flushed ${n}\n`);
  }
}
