/** FNV-1a, 32 bits: a stable hash of a string (the same in every process). @internal */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** One of `options`, chosen by the hash of `key`. @internal */
export function pickBy<T>(options: readonly T[], key: string): T {
  return options[hash32(key) % options.length] as T;
}
