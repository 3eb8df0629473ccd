import type { Dwarf } from './dwarf.js';
import { readInitialLength, readOffset } from './initial-length.js';
import type { AddressRange } from './ranges.js';
import { readAddress } from './values.js';

/** One set of .debug_aranges (DWARF 5, 6.1.2): the address ranges of one unit. */
export interface ArangeSet {
  offset: number;
  version: number;
  /** Offset of the unit in .debug_info. */
  unitOffset: number;
  addressSize: number;
  segmentSelectorSize: number;
  ranges: AddressRange[];
}

/** Every set of .debug_aranges, in section order. */
export function readAranges(dwarf: Dwarf): ArangeSet[] {
  const r = dwarf.sections.reader('.debug_aranges');
  const out: ArangeSet[] = [];
  for (let offset = 0; offset < r.length; ) {
    r.seek(offset);
    const { offsetSize, end } = readInitialLength(r, 'address range set');
    const version = r.u16();
    if (version !== 2) throw r.error(`unsupported .debug_aranges version ${version}`, r.pos - 2);
    const unitOffset = readOffset(r, offsetSize, 'debug_info_offset');
    const addressSize = r.u8();
    const segmentSelectorSize = r.u8();
    if (![1, 2, 4, 8].includes(addressSize)) throw r.error(`address size ${addressSize}`, r.pos - 2);
    // Tuples start at a multiple of their own size from the start of the set.
    const tuple = 2 * addressSize + segmentSelectorSize;
    r.seek(offset + Math.ceil((r.pos - offset) / tuple) * tuple);
    const ranges: AddressRange[] = [];
    while (r.pos + tuple <= end) {
      r.skip(segmentSelectorSize);
      const begin = readAddress(r, addressSize);
      const length = readAddress(r, addressSize);
      if (begin === 0 && length === 0) break;
      ranges.push({ begin, end: begin + length });
    }
    out.push({ offset, version, unitOffset, addressSize, segmentSelectorSize, ranges });
    offset = end;
  }
  return out;
}
