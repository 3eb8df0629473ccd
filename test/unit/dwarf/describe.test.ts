import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextWriter } from '../../../src/binary/text-writer.js';
import { describeUnit } from '../../../src/dwarf/describe.js';
import { corpusObjects, sqlite3Object } from '../../fixtures/corpus.js';
import { DWARFDUMP, attributeTexts, eachLine, openDwarf } from './reference.js';

// Attribute texts compared line for line with llvm-dwarfdump-14: type names as its
// DWARFTypePrinter spells them, and a constant DW_AT_high_pc as the end address it gives.
const COMPARED = new Set(['DW_AT_type', 'DW_AT_high_pc']);

async function compareAttributes(file: string): Promise<number> {
  const ref = attributeTexts(COMPARED);
  await eachLine(DWARFDUMP, ['--debug-info', file], ref.line);
  const mine = attributeTexts(COMPARED);
  const out = new TextWriter();
  for (const u of openDwarf(file).units()) describeUnit(u, out);
  out.toString().split('\n').forEach(mine.line);
  assert.equal(mine.texts.length, ref.texts.length, `${file}: attribute count`);
  mine.texts.forEach((t, i) => assert.equal(t, ref.texts[i], file));
  return ref.texts.length;
}

test('DW_AT_type and DW_AT_high_pc of every DIE of the corpus read as llvm-dwarfdump prints them', async () => {
  let n = 0;
  for (const o of corpusObjects()) n += await compareAttributes(o.object);
  assert.ok(n > 100_000, `only ${n} attributes compared`);
});

test('DW_AT_type and DW_AT_high_pc of sqlite3.o read as llvm-dwarfdump prints them', async () => {
  assert.ok((await compareAttributes(sqlite3Object().object)) > 20_000);
});
