import type { ByteReader } from '../binary/index.js';

/** The position after the LEB128 at `pos`; throws when it runs past `end`. */
export function skipLeb128(r: ByteReader, pos: number, end: number): number {
  const bytes = r.bytes;
  const start = pos;
  while (pos < end) if ((bytes[pos++]! & 0x80) === 0) return pos;
  throw r.error('LEB128 runs past the end of its unit', start);
}

/**
 * True when the LEB128 at the cursor ends within 7 bytes: at most 49 bits, which the reader's
 * number decoders (uleb128, sleb128) read exactly without a bigint.
 */
function isShortLeb128(r: ByteReader): boolean {
  const bytes = r.bytes;
  const end = Math.min(bytes.length, r.pos + 7);
  for (let pos = r.pos; pos < end; pos++) if (bytes[pos]! < 0x80) return true;
  return false;
}

/** ULEB128 at the cursor: a number when it fits in 2^53, else an exact bigint. */
export function uleb128Value(r: ByteReader): number | bigint {
  if (isShortLeb128(r)) return r.uleb128();
  const v = r.uleb128Big();
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** SLEB128 at the cursor: a number when its magnitude fits in 2^53, else an exact bigint. */
export function sleb128Value(r: ByteReader): number | bigint {
  if (isShortLeb128(r)) return r.sleb128();
  const v = r.sleb128Big();
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
