import type { ByteReader } from '../binary/index.js';
import * as C from './forms/consts.js';
import type { Unit } from './info.js';
import { readInitialLength } from './initial-length.js';
import { maxAddress, readAddress } from './values.js';

/** The header of a .debug_rnglists / .debug_loclists contribution (DWARF 5, 7.28-7.29). */
export interface ListsHeader {
  offset: number;
  offsetSize: 4 | 8;
  /** Offset just past the contribution. */
  end: number;
  version: number;
  addressSize: number;
  segmentSelectorSize: number;
  offsetEntryCount: number;
  /** Offset of the offset table: the base that DW_AT_rnglists_base / loclists_base point to. */
  base: number;
}

export function readListsHeader(r: ByteReader, offset: number): ListsHeader {
  r.seek(offset);
  const { offsetSize, end } = readInitialLength(r, 'list table');
  const version = r.u16();
  if (version !== 5) throw r.error(`unsupported list table version ${version}`, r.pos - 2);
  const addressSize = r.u8();
  const segmentSelectorSize = r.u8();
  const offsetEntryCount = r.u32();
  const base = r.pos;
  if (offsetEntryCount * offsetSize > end - base) throw r.error(`offset_entry_count ${offsetEntryCount} runs past the table`, base - 4);
  return { offset, offsetSize, end, version, addressSize, segmentSelectorSize, offsetEntryCount, base };
}

/** Every contribution of a list section, in order. */
export function readListsHeaders(r: ByteReader): ListsHeader[] {
  const out: ListsHeader[] = [];
  for (let offset = 0; offset < r.length; ) {
    const h = readListsHeader(r, offset);
    out.push(h);
    offset = h.end;
  }
  return out;
}

/** Size of a list table header up to its offsets: unit_length, version, address_size, segment_selector_size, offset_entry_count. */
function listsHeaderSize(offsetSize: 4 | 8): number {
  return (offsetSize === 4 ? 4 : 12) + 2 + 1 + 1 + 4;
}

/**
 * The list offset that index `index` of a DW_FORM_rnglistx / loclistx value (`form`) selects
 * from the offsets at `base` (DW_AT_rnglists_base / loclists_base), checked against the
 * offset_entry_count of the table's header.
 */
export function listIndexOffset(r: ByteReader, base: number, index: number, offsetSize: 4 | 8, form: number): number {
  const headerAt = base - listsHeaderSize(offsetSize);
  if (headerAt < 0) throw r.error(`list table base 0x${base.toString(16)} leaves no room for its header`, Math.min(base, r.length));
  const header = readListsHeader(r, headerAt);
  if (header.base !== base) throw r.error(`list table base 0x${base.toString(16)} is not where the offsets of the table at 0x${headerAt.toString(16)} start`, headerAt);
  if (index >= header.offsetEntryCount) {
    throw r.error(`${C.nameOrUnknown('FORM', form)} index ${index} is past offset_entry_count ${header.offsetEntryCount}`, headerAt);
  }
  const at = base + index * offsetSize;
  return base + (offsetSize === 4 ? r.u32At(at) : r.u64nAt(at, 'list offset'));
}

/**
 * A DWARF 2-4 list of .debug_ranges or .debug_loc: address pairs relative to the unit's base
 * address, where (max, a) selects base a and (0, 0) ends the list. `entry` reads whatever
 * follows a pair (the expression of a location) and makes the result.
 */
export function readPairList<T>(unit: Unit, section: string, offset: number, entry: (begin: number, end: number, r: ByteReader) => T): T[] {
  const r = unit.dwarf.sections.reader(section);
  const size = unit.addressSize;
  const max = maxAddress(size);
  let base = unit.bases.lowPc;
  const out: T[] = [];
  r.seek(offset);
  for (;;) {
    const begin = readAddress(r, size);
    const end = readAddress(r, size);
    if (begin === 0 && end === 0) return out;
    if (begin === max) base = end;
    else out.push(entry(base + begin, base + end, r));
  }
}
