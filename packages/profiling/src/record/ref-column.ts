/** Rows per chunk: large enough for V8 to place each chunk in large-object space, where it is never copied. */
const CHUNK_ROWS = 16_384;

/**
 * A column of object references that only grows. It is kept in fixed chunks rather than one array, because
 * growing one large array copies it and leaves the old copy to the collector: appending to a plain array cost
 * several times more per row at the sizes a profiled run reaches.
 */
export class RefColumn<T> {
  private readonly chunks: T[][] = [];
  private chunk: T[] = [];
  private free = 0;
  size = 0;

  push(value: T): void {
    if (this.free === 0) {
      this.chunk = new Array<T>(CHUNK_ROWS);
      this.chunks.push(this.chunk);
      this.free = CHUNK_ROWS;
    }
    this.chunk[CHUNK_ROWS - this.free] = value;
    this.free -= 1;
    this.size += 1;
  }

  /** The value at `row` (0 <= row < size). */
  get(row: number): T {
    return (this.chunks[Math.floor(row / CHUNK_ROWS)] as T[])[row % CHUNK_ROWS] as T;
  }
}
