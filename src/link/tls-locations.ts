/**
 * Thread-local variables in a module's relocated DWARF, for its debug image.
 */
import { ByteWriter } from '../binary/index.js';
import {
  DW_OP_const4u, DW_OP_const8u, DW_OP_form_tls_address, DW_OP_GNU_push_tls_address, DW_OP_nop, DW_OP_piece,
} from '../dwarf/forms/consts.js';
import { R_X86_64_DTPOFF32, R_X86_64_DTPOFF64 } from '../elf/consts.js';
import type { SymbolValues } from './fixup.js';
import type { GraphSection } from './graph.js';

/**
 * A DWARF location `DW_OP_const{4,8}u off, DW_OP_form_tls_address` asks the debugger for the
 * block of the objfile's TLS module, which a JIT objfile does not have: GDB 13 then reads
 * another module's block and shows a wrong value. Nor can DWARF reach the thread pointer
 * (GDB 13 has no DWARF number for fs_base). So the location becomes DW_OP_nops and a
 * DW_OP_piece of the variable's size with no location: optimized out, as debuggers show it.
 */
export function threadLocalLocations(s: GraphSection, bytes: Uint8Array, v: SymbolValues): void {
  const { type, sym, r_offset } = s.relocations;
  for (let i = 0; i < type.length; i++) {
    if (type[i] !== R_X86_64_DTPOFF32 && type[i] !== R_X86_64_DTPOFF64) continue;
    // gcc writes a DTPOFF32 into the low half of a DW_OP_const8u operand too.
    const start = r_offset[i]! - 1;
    const op = bytes[start];
    const end = r_offset[i]! + (op === DW_OP_const8u ? 8 : op === DW_OP_const4u ? 4 : NaN) + 1;
    const tls = bytes[end - 1];
    if (tls !== DW_OP_form_tls_address && tls !== DW_OP_GNU_push_tls_address) continue;
    const piece = new ByteWriter().u8(DW_OP_piece).uleb128(v.size[sym[i]!]!).finish();
    if (piece.length > end - start) continue;
    bytes.fill(DW_OP_nop, start, end);
    bytes.set(piece, end - piece.length);
  }
}
