import type { ByteReader } from '../binary/index.js';

const TWO_32 = 2 ** 32;

/**
 * A 64-bit address as a number. Addresses below 2^53 are exact; so are those within 2^53 of
 * 2^64 (kernel addresses, and the -1/-2 tombstones linkers write for discarded code), which
 * are kept as negative numbers (two's complement). Anything in between throws.
 */
export function address64(r: ByteReader, at: number): number {
  const lo = r.u32At(r.littleEndian ? at : at + 4);
  const hi = r.u32At(r.littleEndian ? at + 4 : at);
  if (hi < 0x200000) return hi * TWO_32 + lo;
  if (hi >= 0xffe00000) return (hi - TWO_32) * TWO_32 + lo;
  throw r.error(`address 0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')} cannot be represented`, at);
}

/** An address of `size` bytes (1, 2, 4 or 8) at the cursor. */
export function readAddress(r: ByteReader, size: number): number {
  if (size === 8) {
    const v = address64(r, r.pos);
    r.pos += 8;
    return v;
  }
  return r.uintN(size, 'address');
}

/** The all-ones value of an address of `size` bytes, as readAddress returns it. */
export function maxAddress(size: number): number {
  return size === 8 ? -1 : 2 ** (size * 8) - 1;
}

/** An address (or any 64-bit value kept as a number, see address64) as hex, zero-padded. */
export function hex(v: number | bigint, width = 0): string {
  const big = typeof v === 'bigint' ? v : v < 0 ? BigInt(v) + (1n << 64n) : undefined;
  const s = big !== undefined ? BigInt.asUintN(64, big).toString(16) : (v as number).toString(16);
  return `0x${s.padStart(width, '0')}`;
}
