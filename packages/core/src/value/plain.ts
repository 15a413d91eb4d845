/**
 * Whether `x` is a plain record (an object literal or `Object.create(null)`), the only objects that
 * `valueify`, `unwrap` and the ref walkers treat as containers. Class instances are opaque.
 */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Whether `x` holds bytes (a Uint8Array, so also a Node Buffer, or an ArrayBuffer). */
export function isBinary(x: unknown): x is Uint8Array | ArrayBuffer {
  return x instanceof Uint8Array || x instanceof ArrayBuffer;
}
