import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringTableBuilder } from '../../../src/elf/write-strtab.js';
import { ByteReader } from '../../../src/binary/reader.js';

/** Every added string must read back from the table at its offset. */
function assertReadsBack(b: StringTableBuilder, strings: string[]): Uint8Array {
  const bytes = b.finish();
  const r = new ByteReader(bytes);
  for (const s of strings) assert.equal(r.cstringAt(b.offsetOf(s)), s);
  assert.equal(bytes[0], 0);
  return bytes;
}

test('strings that end another string share its bytes; the rest keep the order they came in', () => {
  const b = new StringTableBuilder('.shstrtab');
  const strings = ['.text', '.rela.text', 'text', '.data', '', 'xt', '.text'];
  for (const s of strings) b.add(s);
  const bytes = assertReadsBack(b, strings);
  assert.equal(Buffer.from(bytes).toString('latin1'), '\0.rela.text\0.data\0');
  assert.equal(b.offsetOf(''), 0);
});

test('tails are shared by bytes in UTF-8 names', () => {
  const b = new StringTableBuilder('.strtab');
  const strings = ['é', 'café', 'fé', 'π_π'];
  for (const s of strings) b.add(s);
  const bytes = assertReadsBack(b, strings);
  assert.equal(bytes.length, 1 + Buffer.byteLength('café') + 1 + Buffer.byteLength('π_π') + 1);
});

test('a kept table keeps its offsets, its tails are found, and new strings are appended', () => {
  const preset = Buffer.from('\0alpha\0beta\0alpha\0', 'latin1');
  const b = new StringTableBuilder('.strtab', preset);
  const strings = ['alpha', 'eta', 'gamma', 'ma', 'beta'];
  for (const s of strings) b.add(s);
  const bytes = assertReadsBack(b, strings);
  assert.equal(b.offsetOf('alpha'), 1);
  assert.equal(b.offsetOf('eta'), 8);
  assert.equal(b.offsetOf('alpha', 12), 12); // the second copy, when asked for
  assert.equal(b.offsetOf('alpha', 2), 1); // not 'alpha' there
  assert.deepEqual(bytes.subarray(0, preset.length), new Uint8Array(preset));
  assert.equal(Buffer.from(bytes.subarray(preset.length)).toString('latin1'), 'gamma\0');
});

test('misuse is reported', () => {
  assert.throws(() => new StringTableBuilder('.x', Uint8Array.of(0x61, 0)), /must start and end with a NUL/);
  const b = new StringTableBuilder('.x');
  b.add('a');
  assert.throws(() => b.offsetOf('b'), /'b' was not added/);
  b.finish();
  assert.throws(() => b.add('c'), /after finish/);
});
