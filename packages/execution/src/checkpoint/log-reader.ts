import { closeSync, openSync, readSync } from "node:fs";

/** One line of a file with its byte position. */
export interface LogLine {
  readonly text: string;
  readonly offset: number;
  readonly length: number;
  /** 1-based. */
  readonly number: number;
  /** Whether the line ended with a newline (a last line without one may be a torn write). */
  readonly complete: boolean;
}

/** Reads the lines of a file in chunks, with byte offsets, without holding the whole file in memory. */
export function* readLogLines(path: string, chunkSize = 1 << 16): Generator<LogLine> {
  const fd = openSync(path, "r");
  try {
    const chunk = Buffer.alloc(chunkSize);
    let pending: Buffer = Buffer.alloc(0);
    let pendingOffset = 0;
    let position = 0;
    let number = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkSize, position);
      if (read === 0) break;
      position += read;
      let data = Buffer.concat([pending, chunk.subarray(0, read)]);
      let start = 0;
      for (let index = data.indexOf(10); index !== -1; index = data.indexOf(10, start)) {
        const line = data.subarray(start, index);
        yield {
          text: line.toString("utf8"),
          offset: pendingOffset + start,
          length: index - start,
          number: ++number,
          complete: true,
        };
        start = index + 1;
      }
      pendingOffset += start;
      data = data.subarray(start);
      pending = Buffer.from(data);
    }
    if (pending.length > 0) {
      yield {
        text: pending.toString("utf8"),
        offset: pendingOffset,
        length: pending.length,
        number: ++number,
        complete: false,
      };
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads `length` bytes at `offset` as text. */
export function readAt(path: string, offset: number, length: number): string {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, offset);
    return buffer.toString("utf8");
  } finally {
    closeSync(fd);
  }
}
