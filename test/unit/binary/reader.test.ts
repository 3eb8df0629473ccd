import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteReader, ByteWriter, FormatError } from '../../../src/binary/index.js';

test('LEB128 round trips through the writer and reader', () => {
  const values = [0n, 1n, 127n, 128n, 624485n, 2n ** 53n - 1n, 2n ** 64n - 1n];
  const signed = [0n, -1n, 63n, -64n, 64n, -65n, -123456n, 2n ** 63n - 1n, -(2n ** 63n)];
  const w = new ByteWriter();
  for (const v of values) w.uleb128(v);
  for (const v of signed) w.sleb128(v);
  const r = new ByteReader(w.finish());
  for (const v of values) assert.equal(r.uleb128Big(), v);
  for (const v of signed) assert.equal(r.sleb128Big(), v);
  assert.ok(r.atEnd);
});

test('known LEB128 encodings (DWARF 5, 7.6)', () => {
  assert.equal(new ByteReader(Uint8Array.of(0xe5, 0x8e, 0x26)).uleb128(), 624485);
  assert.equal(new ByteReader(Uint8Array.of(0xc0, 0xbb, 0x78)).sleb128(), -123456);
  assert.equal(new ByteReader(Uint8Array.of(0x7f)).sleb128(), -1);
});

test('reads past the end throw FormatError with the absolute offset and section', () => {
  const r = new ByteReader(new Uint8Array(16)).sub(8, 8, 'table', { section: '.text', offset: 8 });
  r.seek(6);
  assert.throws(() => r.u32(), (e: unknown) => e instanceof FormatError && e.where.offset === 14 && e.where.section === '.text');
  assert.throws(() => new ByteReader(Uint8Array.of(0x80, 0x80)).uleb128(), FormatError);
  assert.throws(() => new ByteReader(Uint8Array.of(0x61, 0x62)).cstringAt(0), /not NUL-terminated/);
});

test('64-bit fields: exact as bigint, checked as number', () => {
  const w = new ByteWriter(true);
  w.u64(2n ** 63n).u64(12345).u64(-4n);
  const r = new ByteReader(w.finish());
  assert.equal(r.u64At(0), 2n ** 63n);
  assert.throws(() => r.u64nAt(0), FormatError);
  assert.equal(r.u64nAt(8), 12345);
  assert.equal(r.i64nAt(16), -4);
  const be = new ByteReader(Uint8Array.of(0, 0, 0, 0, 0, 0, 1, 2), false);
  assert.equal(be.u64n(), 0x102);
});
