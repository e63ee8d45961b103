/**
 * Many buffers sent to or from a worker as one: copied one after the other into a single ArrayBuffer that is
 * transferred, not cloned (a Buffer is often a view into a larger pool, which cloning would copy whole).
 */
export function packBytes(parts: readonly Uint8Array[]): { bytes: ArrayBuffer; lengths: number[] } {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { bytes: bytes.buffer, lengths: parts.map((part) => part.length) };
}

/** The buffers {@link packBytes} packed, as views into the received ArrayBuffer (no copy). */
export function unpackBytes(bytes: ArrayBuffer, lengths: readonly number[]): Buffer[] {
  const all = Buffer.from(bytes);
  let offset = 0;
  return lengths.map((length) => all.subarray(offset, (offset += length)));
}
