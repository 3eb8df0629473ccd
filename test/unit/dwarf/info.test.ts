import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusObjects, sqlite3Object } from '../../fixtures/corpus.js';
import { expressionOptions } from '../../../src/dwarf/describe.js';
import type { Dwarf } from '../../../src/dwarf/dwarf.js';
import { formatExpression } from '../../../src/dwarf/expr.js';
import * as C from '../../../src/dwarf/forms/consts.js';
import type { Die } from '../../../src/dwarf/info.js';
import { readLocations } from '../../../src/dwarf/loc.js';
import { readRanges } from '../../../src/dwarf/ranges.js';
import { hex } from '../../../src/dwarf/values.js';
import { dwarfdumpInfo, openDwarf, type RefDie } from './reference.js';

// llvm-dwarfdump prints the bytes of an expression as the object holds them, without the
// relocations it applies elsewhere; in relocatable objects DW_OP_addr operands, and the TLS
// offsets (R_X86_64_DTPOFF*) before DW_OP_form_tls_address, are therefore compared by presence only.
const unrelocated = (s: string): string => s
  .replace(/DW_OP_addr 0x[0-9a-f]+/g, 'DW_OP_addr <reloc>')
  .replace(/(DW_OP_const[48]u) 0x[0-9a-f]+, (DW_OP_form_tls_address|DW_OP_GNU_push_tls_address)/g, '$1 <reloc>, $2');

// Operations GCC emits that llvm-dwarfdump 14 cannot decode: it prints "<decoding error>" and
// the remaining bytes. There, ours must agree up to that point and name the operation.
const UNKNOWN_TO_LLVM14 = new Set([
  C.DW_OP_implicit_pointer, C.DW_OP_const_type, C.DW_OP_deref_type, C.DW_OP_xderef_type, C.DW_OP_reinterpret,
  C.DW_OP_GNU_uninit, C.DW_OP_GNU_implicit_pointer, C.DW_OP_GNU_const_type, C.DW_OP_GNU_regval_type,
  C.DW_OP_GNU_deref_type, C.DW_OP_GNU_convert, C.DW_OP_GNU_reinterpret, C.DW_OP_GNU_parameter_ref,
]);

function alignDecodingErrors(mine: string[], ref: string[]): string[] {
  return mine.map((m, k) => {
    const r = ref[k];
    const at = r?.indexOf('<decoding error> ') ?? -1;
    if (r === undefined || at < 0) return m;
    const op = parseInt(r.slice(at + 17, at + 19), 16);
    const name = C.nameOf('OP', op);
    return UNKNOWN_TO_LLVM14.has(op) && name && m.startsWith(r.slice(0, at) + name) ? r : m;
  });
}

function range(begin: number, end: number): string {
  return `[${hex(begin)}, ${hex(end)})`;
}

/** What the test compares of one DIE, from our reader. */
function describe(die: Die): RefDie {
  const d: RefDie = { offset: die.offset, tag: C.nameOrUnknown('TAG', die.tag) };
  const name = die.string(C.DW_AT_name);
  if (name !== undefined) d.name = name;
  const lo = die.find(C.DW_AT_low_pc);
  if (lo >= 0) d.lowPc = hex(die.address(lo));
  const lh = die.lowHigh();
  if (lh) d.highPc = hex(lh.high);
  const r = die.find(C.DW_AT_ranges);
  if (r >= 0) d.ranges = readRanges(die.unit, die.number(r), die.form(r)).map((x) => range(x.begin, x.end));
  const l = die.find(C.DW_AT_location);
  if (l >= 0) {
    const opts = expressionOptions(die.unit);
    const v = die.value(l);
    d.location = v instanceof Uint8Array
      ? [formatExpression(v, opts, opts)]
      : readLocations(die.unit, die.number(l), die.form(l)).map((e) => `${range(e.begin!, e.end!)}: ${formatExpression(e.expr, opts, opts)}`);
  }
  return d;
}

function ours(dwarf: Dwarf): RefDie[] {
  const out: RefDie[] = [];
  for (const u of dwarf.units()) u.walk((die) => { if (!die.isNull) out.push(describe(die)); });
  return out;
}

/** Every DIE's tag, name, low/high pc, ranges and location (expression or list) against llvm-dwarfdump. */
async function compareInfo(file: string): Promise<{ dies: number; lists: number }> {
  const mine = ours(openDwarf(file));
  let i = 0;
  let lists = 0;
  let failure: unknown;
  await dwarfdumpInfo(file, (ref) => {
    if (failure) return;
    try {
      const m = mine[i++];
      assert.ok(m, `${file}: llvm-dwarfdump has a DIE at ${hex(ref.offset)} past our last`);
      if (ref.location) ref.location = ref.location.map(unrelocated);
      if (m.location) m.location = alignDecodingErrors(m.location.map(unrelocated), ref.location ?? []);
      if (ref.location && ref.location.length && ref.location[0]!.startsWith('[')) lists++;
      assert.deepEqual(m, ref, `${file}: DIE at ${hex(ref.offset)}`);
    } catch (e) {
      failure = e;
    }
  });
  if (failure) throw failure;
  assert.equal(i, mine.length, `${file}: DIE count`);
  return { dies: i, lists };
}

test('DIEs of the corpus equal llvm-dwarfdump --debug-info: tag, name, pc range, ranges, locations', async () => {
  let lists = 0;
  for (const o of corpusObjects()) lists += (await compareInfo(o.object)).lists;
  assert.ok(lists > 100, `only ${lists} location lists compared`);
});

test('DIEs of sqlite3.o equal llvm-dwarfdump --debug-info', async () => {
  const { dies, lists } = await compareInfo(sqlite3Object().object);
  assert.ok(dies > 100_000 && lists > 10_000, `only ${dies} DIEs and ${lists} location lists compared`);
});
