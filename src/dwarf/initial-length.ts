import type { ByteReader } from '../binary/index.js';
import { DW_LENGTH_DWARF64, DW_LENGTH_lo_reserved } from './forms/consts.js';

/** The initial length field that starts every unit, table and CFI entry (DWARF 5, 7.4). */
export interface InitialLength {
  /** The unit_length value: the size of what follows the field. */
  length: number;
  /** 4 for 32-bit DWARF, 8 for 64-bit DWARF: the size of the unit's section offsets. */
  offsetSize: 4 | 8;
  /** Offset just past the field, where the unit's contents start. */
  start: number;
  /** Offset just past the unit. */
  end: number;
}

/**
 * Reads an initial length at the cursor and checks that the unit fits in the reader.
 * 0xffffffff announces 64-bit DWARF with the length in the next 8 bytes; 0xfffffff0 to
 * 0xfffffffe are reserved, a FormatError. `what` names the unit in errors.
 */
export function readInitialLength(r: ByteReader, what: string): InitialLength {
  const at = r.pos;
  let length = r.u32();
  let offsetSize: 4 | 8 = 4;
  if (length === DW_LENGTH_DWARF64) {
    length = r.u64n(`${what} length`);
    offsetSize = 8;
  } else if (length >= DW_LENGTH_lo_reserved) {
    throw r.error(`${what}: reserved initial length 0x${length.toString(16)}`, at);
  }
  const start = r.pos;
  r.need(start, length, what);
  return { length, offsetSize, start, end: start + length };
}

/** A section offset of `offsetSize` bytes at the cursor (DW_FORM_sec_offset and header fields). */
export function readOffset(r: ByteReader, offsetSize: 4 | 8, what = 'offset'): number {
  return offsetSize === 4 ? r.u32() : r.u64n(what);
}
