import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FormatError } from '../../../src/binary/index.js';
import { TextWriter } from '../../../src/binary/text-writer.js';
import { decodeCfa, readCfi } from '../../../src/dwarf/cfi.js';
import { describeLineProgram, describeUnit } from '../../../src/dwarf/describe.js';
import { Dwarf } from '../../../src/dwarf/dwarf.js';
import { readAranges } from '../../../src/dwarf/aranges.js';
import { DwarfQuery } from '../../../src/dwarf/query.js';
import { debugSections } from '../../../src/elf/debug-sections.js';
import { ElfFile } from '../../../src/elf/read.js';
import { corpusObjects } from '../../fixtures/corpus.js';

const SECTIONS = [
  '.debug_info', '.debug_abbrev', '.debug_line', '.debug_str', '.debug_line_str', '.debug_rnglists', '.debug_loclists',
  '.debug_ranges', '.debug_loc', '.debug_aranges', '.eh_frame', '.debug_str_offsets', '.debug_addr',
];
const INPUTS = 20_000;

/** xorshift32: the same mutations on every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x0f, 0xf0, 0x40];

function mutate(bytes: Uint8Array, rand: () => number): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  const kind = Math.floor(rand() * 4);
  if (kind === 0) return out.subarray(0, Math.floor(rand() * out.length)); // truncation
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * out.length);
    out[at] = kind === 1 ? Math.floor(rand() * 256) : kind === 2 ? INTERESTING[Math.floor(rand() * INTERESTING.length)]! : out[at]! ^ (1 << Math.floor(rand() * 8));
  }
  return out;
}

/** Every reader entry point, each on its own so that one FormatError does not hide the others. */
function decodeEverything(dwarf: Dwarf): void {
  const sink = new TextWriter();
  const parts: (() => void)[] = [
    () => { for (const u of dwarf.units()) describeUnit(u, sink); },
    () => { for (const p of dwarf.allLinePrograms()) describeLineProgram(p, sink); },
    () => { for (const e of readCfi(dwarf, '.eh_frame')) if (e.kind !== 'terminator') decodeCfa(dwarf, '.eh_frame', e.instructions, e.instructionsOffset, e.kind === 'cie' ? e : e.cie); },
    () => readAranges(dwarf),
    () => { const q = new DwarfQuery(dwarf); q.lookup(0x10); q.functionRanges('main'); },
  ];
  for (const part of parts) {
    try {
      part();
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      assert.ok(e.where.section !== undefined, `FormatError without a section: ${e.message}`);
    }
  }
}

test(`${INPUTS} seeded mutations of the corpus's debug sections raise nothing but FormatError`, () => {
  const objects = corpusObjects().filter((o) => ['O0', 'O2', 'dwarf4', 'dwarf5'].includes(o.variant));
  const originals = objects.map((o) => {
    const get = debugSections(ElfFile.read(readFileSync(o.object), o.object));
    return new Map(SECTIONS.map((s) => [s, get(s)] as const));
  });
  const rand = rng(0x5eed);
  for (let i = 0; i < INPUTS; i++) {
    const sections = originals[i % originals.length]!;
    const present = SECTIONS.filter((s) => sections.get(s));
    const target = present[Math.floor(rand() * present.length)]!;
    const mutated = mutate(sections.get(target)!, rand);
    const dwarf = new Dwarf((name) => (name === target ? mutated : sections.get(name)), { file: `input ${i}` });
    try {
      decodeEverything(dwarf);
    } catch (e) {
      assert.fail(`input ${i} (${objects[i % objects.length]!.name}, ${target} mutated): ${e instanceof Error ? e.stack : e}`);
    }
  }
});

test('bad input names its section and offset', () => {
  const o = corpusObjects().find((x) => x.variant === 'O2')!;
  const get = debugSections(ElfFile.read(readFileSync(o.object), o.object));
  const info = get('.debug_info')!;
  const dwarf = new Dwarf((name) => (name === '.debug_info' ? info.subarray(0, 40) : get(name)), { file: 'x.o' });
  assert.throws(() => dwarf.units(), (e: unknown) => e instanceof FormatError && e.where.section === '.debug_info' && e.where.offset === 4 && e.where.file === 'x.o');
  // A DIE whose abbreviation code does not exist.
  const bad = info.slice();
  bad[12] = 0x7f;
  const d2 = new Dwarf((name) => (name === '.debug_info' ? bad : get(name)));
  assert.throws(() => d2.units()[0]!.root(), /section \.debug_info, offset 0xc: unknown abbreviation code 127/);
});
