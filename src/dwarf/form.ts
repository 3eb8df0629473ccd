import type { ByteReader } from '../binary/index.js';
import type { Dwarf } from './dwarf.js';
import * as C from './forms/consts.js';
import { readOffset } from './initial-length.js';
import { sleb128Value, uleb128Value } from './leb.js';
import { readAddress } from './values.js';

/** A decoded attribute value; its meaning depends on the form (see Die.value). */
export type AttrValue = number | bigint | string | boolean | Uint8Array;

/**
 * What decoding a form needs from the unit it belongs to: sizes, the base of unit-relative
 * references, and the .debug_addr / .debug_str_offsets tables. A Unit is one; so is a line
 * program header, whose DWARF 5 entry formats use the same forms (DWARF 5, 6.2.4.1).
 */
export interface FormContext {
  readonly dwarf: Dwarf;
  readonly addressSize: number;
  readonly offsetSize: 4 | 8;
  /** Size of DW_FORM_ref_addr. */
  readonly refAddrSize: number;
  /** Offset of the unit: what DW_FORM_ref1..ref_udata are relative to. */
  readonly offset: number;
  addrx(index: number): number;
  strx(index: number): string;
}

/**
 * The value of `form` at the cursor of `r`, which moves past it: addresses (addr, addrx*:
 * resolved through .debug_addr) and constants of up to 4 bytes as numbers; data8 and ref_sig8
 * as bigints; udata/sdata as numbers unless they exceed 2^53; strings resolved through
 * .debug_str, .debug_line_str and .debug_str_offsets; references of the ref1-ref_udata forms as
 * absolute section offsets; blocks and exprloc as views; flags as booleans; rnglistx and
 * loclistx as their index. `implicit` is the value of DW_FORM_implicit_const.
 */
export function readFormValue(r: ByteReader, form: number, ctx: FormContext, implicit = 0): AttrValue {
  const pos = r.pos;
  while (form === C.DW_FORM_indirect) form = r.uleb128();
  switch (form) {
    case C.DW_FORM_addr: return readAddress(r, ctx.addressSize);
    case C.DW_FORM_addrx1: return ctx.addrx(r.u8());
    case C.DW_FORM_addrx2: return ctx.addrx(r.u16());
    case C.DW_FORM_addrx3: return ctx.addrx(u24(r));
    case C.DW_FORM_addrx4: return ctx.addrx(r.u32());
    case C.DW_FORM_addrx: case C.DW_FORM_GNU_addr_index: return ctx.addrx(r.uleb128());
    case C.DW_FORM_data1: return r.u8();
    case C.DW_FORM_data2: return r.u16();
    case C.DW_FORM_data4: return r.u32();
    case C.DW_FORM_data8: return r.u64();
    case C.DW_FORM_data16: return r.take(16);
    case C.DW_FORM_udata: return uleb128Value(r);
    case C.DW_FORM_sdata: return sleb128Value(r);
    case C.DW_FORM_implicit_const: return implicit;
    case C.DW_FORM_flag: return r.u8() !== 0;
    case C.DW_FORM_flag_present: return true;
    case C.DW_FORM_block1: return r.take(r.u8());
    case C.DW_FORM_block2: return r.take(r.u16());
    case C.DW_FORM_block4: return r.take(r.u32());
    case C.DW_FORM_block: case C.DW_FORM_exprloc: return r.take(r.uleb128());
    case C.DW_FORM_string: return r.cstring();
    case C.DW_FORM_strp: return ctx.dwarf.strings.at('.debug_str', readOffset(r, ctx.offsetSize));
    case C.DW_FORM_line_strp: return ctx.dwarf.strings.at('.debug_line_str', readOffset(r, ctx.offsetSize));
    case C.DW_FORM_strx1: return ctx.strx(r.u8());
    case C.DW_FORM_strx2: return ctx.strx(r.u16());
    case C.DW_FORM_strx3: return ctx.strx(u24(r));
    case C.DW_FORM_strx4: return ctx.strx(r.u32());
    case C.DW_FORM_strx: case C.DW_FORM_GNU_str_index: return ctx.strx(r.uleb128());
    case C.DW_FORM_ref1: return ctx.offset + r.u8();
    case C.DW_FORM_ref2: return ctx.offset + r.u16();
    case C.DW_FORM_ref4: return ctx.offset + r.u32();
    case C.DW_FORM_ref8: return ctx.offset + r.u64n('reference');
    case C.DW_FORM_ref_udata: return ctx.offset + r.uleb128();
    case C.DW_FORM_ref_addr: return r.uintN(ctx.refAddrSize, 'reference');
    case C.DW_FORM_ref_sig8: return r.u64();
    case C.DW_FORM_sec_offset: case C.DW_FORM_strp_sup: case C.DW_FORM_GNU_ref_alt: case C.DW_FORM_GNU_strp_alt:
      return readOffset(r, ctx.offsetSize);
    case C.DW_FORM_ref_sup4: return r.u32();
    case C.DW_FORM_ref_sup8: return r.u64();
    case C.DW_FORM_rnglistx: case C.DW_FORM_loclistx: return r.uleb128();
    default:
      throw r.error(`unknown form 0x${form.toString(16)}`, pos);
  }
}

/** A 3-byte unsigned integer (DW_FORM_strx3, addrx3) in the reader's byte order. */
function u24(r: ByteReader): number {
  const [a, b, c] = [r.u8(), r.u8(), r.u8()];
  return r.littleEndian ? a | (b << 8) | (c << 16) : (a << 16) | (b << 8) | c;
}
