// TextWriter against the JavaScript formatting it replaces, on values at every digit boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextWriter } from '../../../src/binary/text-writer.js';

const boundaries = [0, 1, 9, 10, 15, 16, 255, 256, 99999, 100000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 36, 2 ** 48 + 5, 2 ** 53 - 1];

test('hex: every width and magnitude, as BigInt.toString(16).padStart', () => {
  for (const v of boundaries) {
    for (const width of [0, 1, 2, 8, 16, 20]) {
      const expected = v.toString(16).padStart(width, '0');
      assert.equal(new TextWriter(4).hex(v, width).toString(), expected, `${v} width ${width}`);
      assert.equal(new TextWriter(4).hex(BigInt(v), width).toString(), expected, `${v}n width ${width}`);
    }
  }
});

test('hex: negative numbers and large bigints are 64-bit two\'s complement', () => {
  for (const v of [-1, -2, -4096, -(2 ** 32), -(2 ** 53)]) {
    assert.equal(new TextWriter().hex(v).toString(), BigInt.asUintN(64, BigInt(v)).toString(16));
  }
  assert.equal(new TextWriter().hex(2n ** 64n - 1n).toString(), 'ffffffffffffffff');
  assert.equal(new TextWriter().hex(0x123456789abcdef0n, 16).toString(), '123456789abcdef0');
});

test('dec: integers and the rest as String() writes them', () => {
  for (const v of [...boundaries, ...boundaries.map((b) => -b), 1.5, -0.25, 1e21, 2 ** 60, NaN]) {
    assert.equal(new TextWriter(2).dec(v).toString(), String(v));
  }
  assert.equal(new TextWriter().dec(-(2n ** 63n)).toString(), String(-(2n ** 63n)));
});

test('strings, padding in place and growth past the first capacity', () => {
  const w = new TextWriter(1);
  for (let i = 0; i < 1000; i++) {
    const start = w.length;
    w.str(`a${i}`).padEnd(start, 6);
    const right = w.length;
    w.dec(i).padStart(right, 5).str('|é→x|').padStart(w.length, 0).char(10);
  }
  const expected = Array.from({ length: 1000 }, (_, i) => `${`a${i}`.padEnd(6)}${String(i).padStart(5)}|é→x|\n`).join('');
  assert.equal(w.toString(), expected);
  assert.deepEqual(w.view(), new TextEncoder().encode(expected));
  assert.equal(new TextWriter().str('abcdef').padEnd(0, 3).padStart(0, 4, 0x30).spaces(-1).toString(), 'abcdef');
});

test('jsonString: as JSON.stringify, on plain text, escapes, non-ASCII and lone surrogates', () => {
  const samples = ['', 'main', 'a"b', 'back\\slash', 'tab\there', '\u0000\u001f\u007f', 'é→', '😀', '\ud800', 'x\udc00y', '\u2028'];
  let seed = 7;
  for (let i = 0; i < 200; i++) {
    let s = '';
    for (let j = 0; j < i % 13; j++) s += String.fromCharCode((seed = (seed * 1103515245 + 12345) % 2 ** 31) % (j % 3 ? 0x80 : 0x10000));
    samples.push(s);
  }
  for (const s of samples) assert.equal(new TextWriter(1).str('>').jsonString(s).toString(), `>${JSON.stringify(s)}`, JSON.stringify(s));
});
