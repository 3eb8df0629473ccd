import { ByteReader } from '../binary/index.js';
import { TextWriter } from '../binary/text-writer.js';
import * as C from './forms/consts.js';
import { sleb128Value, uleb128Value } from './leb.js';
import { readAddress } from './values.js';

/**
 * Operand encodings of DW_OP_* (DWARF 5, 7.7.1 and the GNU extensions): u/s + size for fixed
 * integers, uleb/sleb, addr (address size), ref (offset size: .debug_info offsets), block
 * (ULEB length then bytes), block1 (1-byte length then bytes), type (ULEB offset of a base type
 * DIE in the unit), sub (ULEB length of a nested expression).
 */
type Operand = 'u1' | 's1' | 'u2' | 's2' | 'u4' | 's4' | 'u8' | 's8' | 'uleb' | 'sleb' | 'addr' | 'ref' | 'block' | 'block1' | 'type' | 'sub';

const OPERANDS = new Map<number, Operand[]>([
  [C.DW_OP_addr, ['addr']],
  [C.DW_OP_const1u, ['u1']], [C.DW_OP_const1s, ['s1']], [C.DW_OP_const2u, ['u2']], [C.DW_OP_const2s, ['s2']],
  [C.DW_OP_const4u, ['u4']], [C.DW_OP_const4s, ['s4']], [C.DW_OP_const8u, ['u8']], [C.DW_OP_const8s, ['s8']],
  [C.DW_OP_constu, ['uleb']], [C.DW_OP_consts, ['sleb']],
  [C.DW_OP_pick, ['u1']], [C.DW_OP_plus_uconst, ['uleb']], [C.DW_OP_skip, ['s2']], [C.DW_OP_bra, ['s2']],
  [C.DW_OP_regx, ['uleb']], [C.DW_OP_fbreg, ['sleb']], [C.DW_OP_bregx, ['uleb', 'sleb']], [C.DW_OP_piece, ['uleb']],
  [C.DW_OP_deref_size, ['u1']], [C.DW_OP_xderef_size, ['u1']], [C.DW_OP_call2, ['u2']], [C.DW_OP_call4, ['u4']],
  [C.DW_OP_call_ref, ['ref']], [C.DW_OP_bit_piece, ['uleb', 'uleb']], [C.DW_OP_implicit_value, ['block']],
  [C.DW_OP_implicit_pointer, ['ref', 'sleb']], [C.DW_OP_GNU_implicit_pointer, ['ref', 'sleb']],
  [C.DW_OP_addrx, ['uleb']], [C.DW_OP_constx, ['uleb']], [C.DW_OP_GNU_addr_index, ['uleb']], [C.DW_OP_GNU_const_index, ['uleb']],
  [C.DW_OP_entry_value, ['sub']], [C.DW_OP_GNU_entry_value, ['sub']],
  [C.DW_OP_const_type, ['type', 'block1']], [C.DW_OP_GNU_const_type, ['type', 'block1']],
  [C.DW_OP_regval_type, ['uleb', 'type']], [C.DW_OP_GNU_regval_type, ['uleb', 'type']],
  [C.DW_OP_deref_type, ['u1', 'type']], [C.DW_OP_GNU_deref_type, ['u1', 'type']], [C.DW_OP_xderef_type, ['u1', 'type']],
  [C.DW_OP_convert, ['type']], [C.DW_OP_GNU_convert, ['type']], [C.DW_OP_reinterpret, ['type']], [C.DW_OP_GNU_reinterpret, ['type']],
  [C.DW_OP_GNU_parameter_ref, ['u4']], [C.DW_OP_GNU_variable_value, ['ref']],
]);
for (let i = 0; i < 32; i++) OPERANDS.set(C.DW_OP_breg0 + i, ['sleb']);

/** Opcodes without operands: deref, the stack and arithmetic operations, lit*, reg*, and a few more. */
function knownWithoutOperands(op: number): boolean {
  if (OPERANDS.has(op)) return false;
  return op === C.DW_OP_deref || (op >= C.DW_OP_dup && op <= C.DW_OP_reg31) || op === C.DW_OP_nop
    || op === C.DW_OP_push_object_address || op === C.DW_OP_form_tls_address || op === C.DW_OP_call_frame_cfa
    || op === C.DW_OP_stack_value || op === C.DW_OP_GNU_push_tls_address || op === C.DW_OP_GNU_uninit;
}

/** The name of each opcode, encoded: expressions are printed by the hundred thousand. */
const OP_NAMES: Uint8Array[] = Array.from({ length: 256 }, (_, op) => new TextEncoder().encode(C.nameOrUnknown('OP', op)));

/** The operands of each opcode (a byte): none for those known without, undefined for unknown ones. */
const OPERANDS_OF: (readonly Operand[] | undefined)[] = Array.from({ length: 256 }, (_, op) => OPERANDS.get(op) ?? (knownWithoutOperands(op) ? [] : undefined));

export interface ExprOp {
  /** Offset of the opcode within the expression. */
  offset: number;
  /** Offset just past the operation. */
  end: number;
  op: number;
  /** Integer operands in order (blocks give their length here and their bytes in `block`). */
  operands: (number | bigint)[];
  block?: Uint8Array;
}

export interface ExprContext {
  addressSize: number;
  offsetSize: 4 | 8;
  littleEndian?: boolean;
}

/**
 * Decodes an expression into operations. Decoding stops at the first opcode it does not
 * know or whose operands run past the end; `error` then gives that opcode's offset.
 */
export function decodeExpression(bytes: Uint8Array, ctx: ExprContext): { ops: ExprOp[]; error?: number } {
  const ops: ExprOp[] = [];
  const error = eachOp(bytes, ctx, (e) => {
    const op: ExprOp = { offset: e.offset, end: e.end, op: e.op, operands: e.operands.slice(0, OPERANDS_OF[e.op]!.length) };
    if (e.block) op.block = e.block;
    ops.push(op);
  });
  return error === undefined ? { ops } : { ops, error };
}

/**
 * decodeExpression one operation at a time, into one ExprOp that `visit` must copy from to
 * keep: its operands array is reused too, and holds stale values past the opcode's count
 * (OPERANDS_OF). Returns the offset of the opcode where decoding stopped, or undefined.
 */
function eachOp(bytes: Uint8Array, ctx: ExprContext, visit: (e: ExprOp) => void): number | undefined {
  const r = new ByteReader(bytes, ctx.littleEndian ?? true);
  const e: ExprOp = { offset: 0, end: 0, op: 0, operands: [0, 0], block: undefined };
  while (!r.atEnd) {
    e.offset = r.pos;
    e.op = r.u8();
    e.block = undefined;
    const kinds = OPERANDS_OF[e.op];
    if (!kinds) return e.offset;
    try {
      for (let k = 0; k < kinds.length; k++) e.operands[k] = readOperand(r, kinds[k]!, e, ctx);
    } catch {
      // Operands that run past the end of the expression: a decoding error at this opcode.
      return e.offset;
    }
    e.end = r.pos;
    visit(e);
  }
  return undefined;
}

/** The operand of `kind` at the cursor: for a block its length, its bytes going to e.block. */
function readOperand(r: ByteReader, kind: Operand, e: ExprOp, ctx: ExprContext): number | bigint {
  switch (kind) {
    case 'u1': return r.u8();
    case 's1': return r.i8();
    case 'u2': return r.u16();
    case 's2': return r.i16();
    case 'u4': return r.u32();
    case 's4': return r.i32();
    case 'u8': return r.u64();
    case 's8': return r.i64();
    case 'uleb': case 'type': case 'sub': return uleb128Value(r);
    case 'sleb': return sleb128Value(r);
    case 'addr': return readAddress(r, ctx.addressSize);
    case 'ref': return ctx.offsetSize === 4 ? r.u32() : r.u64();
    case 'block': case 'block1': {
      const len = kind === 'block' ? r.uleb128() : r.u8();
      e.block = r.take(len);
      return len;
    }
  }
}

export interface FormatOptions {
  /** Register name of DWARF register `n`, or undefined to print the number. */
  registerName?: (n: number) => string | undefined;
  /** Name of the base type DIE at unit-relative `offset`, null if it is not a base type; absent: print the offset. */
  baseType?: (offset: number) => { offset: number; name: string | undefined } | null;
}

/** `+` before a non-negative value, as llvm-dwarfdump prints signed operands. */
function writeSigned(v: number | bigint, out: TextWriter): void {
  if (v >= 0) out.char(0x2b); // '+'
  out.dec(v);
}

/**
 * An expression as llvm-dwarfdump prints it: operations by name separated by ", ",
 * registers by name ("DW_OP_breg7 RSP+8"), signed operands with their sign, unsigned ones in
 * hex, DW_OP_entry_value's sub-expression in parentheses, base types by offset and name.
 */
export function formatExpression(bytes: Uint8Array, ctx: ExprContext, opts: FormatOptions = {}): string {
  const out = new TextWriter(256);
  writeExpression(bytes, ctx, opts, out);
  return out.toString();
}

/** formatExpression, written to `out`. */
export function writeExpression(bytes: Uint8Array, ctx: ExprContext, opts: FormatOptions, out: TextWriter): void {
  if (bytes.length === 0) out.str('<empty>');
  // Where each open DW_OP_entry_value's sub-expression ends.
  const closeAt: number[] = [];
  const error = eachOp(bytes, ctx, (e) => {
    writeOp(e, OPERANDS_OF[e.op]!, opts, out);
    if (e.op === C.DW_OP_entry_value || e.op === C.DW_OP_GNU_entry_value) {
      out.char(0x28); // '('
      closeAt.push(e.end + Number(e.operands[0]));
      return;
    }
    while (closeAt.length && closeAt[closeAt.length - 1]! <= e.end) {
      closeAt.pop();
      out.char(0x29); // ')'
    }
    if (e.end < bytes.length) out.str(', ');
  });
  if (error !== undefined) {
    out.str('<decoding error>');
    for (let i = error; i < bytes.length; i++) out.char(0x20).hex(bytes[i]!, 2);
  }
}

function writeOp(e: ExprOp, kinds: readonly Operand[], opts: FormatOptions, out: TextWriter): void {
  const op = e.op;
  out.bytes(OP_NAMES[op]!);
  let first = 0;
  const reg = op >= C.DW_OP_reg0 && op <= C.DW_OP_reg31 ? op - C.DW_OP_reg0
    : op >= C.DW_OP_breg0 && op <= C.DW_OP_breg31 ? op - C.DW_OP_breg0
      : op === C.DW_OP_regx || op === C.DW_OP_bregx || op === C.DW_OP_regval_type || op === C.DW_OP_GNU_regval_type ? Number(e.operands[0]) : -1;
  const regName = reg >= 0 ? opts.registerName?.(reg) : undefined;
  if (regName !== undefined) {
    const isBreg = (op >= C.DW_OP_breg0 && op <= C.DW_OP_breg31) || op === C.DW_OP_bregx;
    const offsetIndex = op >= C.DW_OP_breg0 && op <= C.DW_OP_breg31 ? 0 : 1;
    out.char(0x20).str(regName);
    if (isBreg) writeSigned(e.operands[offsetIndex]!, out);
    first = op === C.DW_OP_regval_type || op === C.DW_OP_GNU_regval_type ? 1 : kinds.length;
  }
  for (let k = first; k < kinds.length; k++) {
    const kind = kinds[k]!;
    const v = e.operands[k]!;
    switch (kind) {
      case 'sub': break;
      case 'type': writeBaseType(op, Number(v), opts, out); break;
      case 's1': case 's2': case 's4': case 's8': case 'sleb': writeSigned(v, out.char(0x20)); break;
      case 'block': case 'block1':
        out.str(' 0x').hex(v);
        for (const b of e.block ?? []) out.str(' 0x').hex(b, 2);
        break;
      default: out.str(' 0x').hex(v);
    }
  }
}

function writeBaseType(op: number, offset: number, opts: FormatOptions, out: TextWriter): void {
  if ((op === C.DW_OP_convert || op === C.DW_OP_GNU_convert) && offset === 0) {
    out.str(' 0x0');
    return;
  }
  if (!opts.baseType) {
    out.str(` <base_type ref: 0x${offset.toString(16)}>`);
    return;
  }
  const t = opts.baseType(offset);
  if (!t) {
    out.str(` <invalid base_type ref: 0x${offset.toString(16)}>`);
    return;
  }
  out.str(' (0x').hex(t.offset, 8).char(0x29); // ')'
  if (t.name !== undefined) out.str(' "').str(t.name).char(0x22);
}
