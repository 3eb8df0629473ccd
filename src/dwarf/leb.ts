import type { ByteReader } from '../binary/index.js';

/** The position after the LEB128 at `pos`; throws when it runs past `end`. */
export function skipLeb128(r: ByteReader, pos: number, end: number): number {
  const bytes = r.bytes;
  const start = pos;
  while (pos < end) if ((bytes[pos++]! & 0x80) === 0) return pos;
  throw r.error('LEB128 runs past the end of its unit', start);
}

/** ULEB128 at the cursor: a number when it fits in 2^53, else an exact bigint. */
export function uleb128Value(r: ByteReader): number | bigint {
  const start = r.pos;
  const bytes = r.bytes;
  if (start < bytes.length && bytes[start]! < 0x80) {
    r.pos++;
    return bytes[start]!;
  }
  const v = r.uleb128Big();
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** SLEB128 at the cursor: a number when its magnitude fits in 2^53, else an exact bigint. */
export function sleb128Value(r: ByteReader): number | bigint {
  const start = r.pos;
  const bytes = r.bytes;
  if (start < bytes.length && bytes[start]! < 0x80) {
    r.pos++;
    const b = bytes[start]!;
    return b & 0x40 ? b - 0x80 : b;
  }
  const v = r.sleb128Big();
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
