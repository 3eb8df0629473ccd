import type { Unit } from './info.js';
import * as C from './forms/consts.js';
import { listIndexOffset, readPairList } from './lists.js';
import { readAddress } from './values.js';

export interface AddressRange {
  begin: number;
  end: number;
}

/**
 * The ranges of a DW_AT_ranges value of `unit`: an offset into .debug_ranges (DWARF 2-4) or
 * .debug_rnglists (DWARF 5, DW_FORM_sec_offset), or an index (DW_FORM_rnglistx). Base
 * address entries are applied, not returned.
 */
export function readRanges(unit: Unit, value: number, form: number): AddressRange[] {
  if (unit.version < 5 && form !== C.DW_FORM_rnglistx) return readDebugRanges(unit, value);
  const r = unit.dwarf.sections.reader('.debug_rnglists');
  const offset = form === C.DW_FORM_rnglistx ? listIndexOffset(r, unit.bases.rnglistsBase, value, unit.offsetSize, form) : value;
  return readRnglist(unit, offset);
}

/** A list of .debug_ranges (DWARF 2-4). */
export function readDebugRanges(unit: Unit, offset: number): AddressRange[] {
  return readPairList(unit, '.debug_ranges', offset, (begin, end) => ({ begin, end }));
}

/** A range list of .debug_rnglists at `offset`, decoded through its DW_RLE_* entries. */
export function readRnglist(unit: Unit, offset: number): AddressRange[] {
  const r = unit.dwarf.sections.reader('.debug_rnglists');
  const size = unit.addressSize;
  let base = unit.bases.lowPc;
  const out: AddressRange[] = [];
  r.seek(offset);
  for (;;) {
    const at = r.pos;
    const kind = r.u8();
    switch (kind) {
      case C.DW_RLE_end_of_list: return out;
      case C.DW_RLE_base_addressx: base = unit.addrx(r.uleb128()); break;
      case C.DW_RLE_startx_endx: {
        const begin = unit.addrx(r.uleb128());
        out.push({ begin, end: unit.addrx(r.uleb128()) });
        break;
      }
      case C.DW_RLE_startx_length: {
        const begin = unit.addrx(r.uleb128());
        out.push({ begin, end: begin + r.uleb128() });
        break;
      }
      case C.DW_RLE_offset_pair: {
        const begin = base + r.uleb128();
        out.push({ begin, end: base + r.uleb128() });
        break;
      }
      case C.DW_RLE_base_address: base = readAddress(r, size); break;
      case C.DW_RLE_start_end: {
        const begin = readAddress(r, size);
        out.push({ begin, end: readAddress(r, size) });
        break;
      }
      case C.DW_RLE_start_length: {
        const begin = readAddress(r, size);
        out.push({ begin, end: begin + r.uleb128() });
        break;
      }
      default:
        throw r.error(`unknown range list entry kind 0x${kind.toString(16)}`, at);
    }
  }
}
