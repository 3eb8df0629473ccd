import type { Unit } from './info.js';
import * as C from './forms/consts.js';
import { listIndexOffset, readPairList } from './lists.js';
import { readAddress } from './values.js';

/** One entry of a location list: where the expression holds, and the expression bytes. */
export interface LocationEntry {
  /** Absent for DW_LLE_default_location. */
  begin?: number;
  end?: number;
  expr: Uint8Array;
}

/**
 * The location list of a DW_AT_location (or similar) value of `unit`: an offset into
 * .debug_loc (DWARF 2-4) or .debug_loclists (DWARF 5, DW_FORM_sec_offset), or an index
 * (DW_FORM_loclistx). Base address entries are applied, not returned.
 */
export function readLocations(unit: Unit, value: number, form: number): LocationEntry[] {
  if (unit.version < 5 && form !== C.DW_FORM_loclistx) return readDebugLoc(unit, value);
  const r = unit.dwarf.sections.reader('.debug_loclists');
  const offset = form === C.DW_FORM_loclistx ? listIndexOffset(r, unit.bases.loclistsBase, value, unit.offsetSize, form) : value;
  return readLoclist(unit, offset);
}

/** A list of .debug_loc (DWARF 2-4): each pair is followed by a 2-byte length and an expression. */
export function readDebugLoc(unit: Unit, offset: number): LocationEntry[] {
  return readPairList(unit, '.debug_loc', offset, (begin, end, r) => ({ begin, end, expr: r.take(r.u16(), 'location expression') }));
}

/** A location list of .debug_loclists at `offset`, decoded through its DW_LLE_* entries. */
export function readLoclist(unit: Unit, offset: number): LocationEntry[] {
  const r = unit.dwarf.sections.reader('.debug_loclists');
  const size = unit.addressSize;
  let base = unit.bases.lowPc;
  const out: LocationEntry[] = [];
  const expr = (): Uint8Array => r.take(r.uleb128(), 'location expression');
  r.seek(offset);
  for (;;) {
    const at = r.pos;
    const kind = r.u8();
    switch (kind) {
      case C.DW_LLE_end_of_list: return out;
      case C.DW_LLE_base_addressx: base = unit.addrx(r.uleb128()); break;
      case C.DW_LLE_startx_endx: {
        const begin = unit.addrx(r.uleb128());
        const end = unit.addrx(r.uleb128());
        out.push({ begin, end, expr: expr() });
        break;
      }
      case C.DW_LLE_startx_length: {
        const begin = unit.addrx(r.uleb128());
        const end = begin + r.uleb128();
        out.push({ begin, end, expr: expr() });
        break;
      }
      case C.DW_LLE_offset_pair: {
        const begin = base + r.uleb128();
        const end = base + r.uleb128();
        out.push({ begin, end, expr: expr() });
        break;
      }
      case C.DW_LLE_default_location: out.push({ expr: expr() }); break;
      case C.DW_LLE_base_address: base = readAddress(r, size); break;
      case C.DW_LLE_start_end: {
        const begin = readAddress(r, size);
        const end = readAddress(r, size);
        out.push({ begin, end, expr: expr() });
        break;
      }
      case C.DW_LLE_start_length: {
        const begin = readAddress(r, size);
        const end = begin + r.uleb128();
        out.push({ begin, end, expr: expr() });
        break;
      }
      case C.DW_LLE_GNU_view_pair:
        // GCC's location views (begin and end view numbers): not a location, skipped.
        r.uleb128();
        r.uleb128();
        break;
      default:
        throw r.error(`unknown location list entry kind 0x${kind.toString(16)}`, at);
    }
  }
}
