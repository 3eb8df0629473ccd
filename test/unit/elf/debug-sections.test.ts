import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { debugSections } from '../../../src/elf/debug-sections.js';
import { ElfFile } from '../../../src/elf/read.js';
import { corpusObjects } from '../../fixtures/corpus.js';

test('relocating the debug sections of an object leaves the file bytes, and the sections of other placements, as they were', () => {
  const file = corpusObjects()[0]!.object;
  const bytes = readFileSync(file);
  const original = Buffer.from(bytes);
  const elf = ElfFile.read(bytes, file);
  const atZero = debugSections(elf)('.debug_info')!;
  const zeroCopy = new Uint8Array(atZero);
  const placed = debugSections(elf, () => 0x100000)('.debug_info')!;
  assert.ok(bytes.equals(original), 'the file bytes are unchanged');
  assert.deepEqual(atZero, zeroCopy, 'a second placement does not change the first');
  assert.notDeepEqual(placed, atZero, 'the placements differ');
});
