// Seeded mutations of the output GDB 13 printed in gdb13-transcript.mi: the parser either
// returns records or throws MiParseError pointing inside the input; nothing else escapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MiParseError, parseOutput, parseRecord } from '../../../src/mi/index.js';
import { root } from '../../fixtures/corpus.js';

const SEED = 0x6d69_2d33;
const INPUTS = 25_000;
/** Bytes that mean something to the grammar, so that mutations reach past the first check. */
const SIGNIFICANT = Buffer.from('"{}[],=\\^*+=~@&0123457\n\r(gdb) ');

/** mulberry32: small, seeded, good enough to pick mutations. */
function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}

function mutate(input: Buffer, lines: Buffer[], rand: (n: number) => number): Buffer {
  const b = Buffer.from(input);
  const at = (extra = 0) => rand(b.length + extra);
  switch (rand(8)) {
    case 0: // any byte
      if (b.length) b[at()] = rand(256);
      return b;
    case 1: // a byte of the grammar
      if (b.length) b[at()] = SIGNIFICANT[rand(SIGNIFICANT.length)]!;
      return b;
    case 2: { // delete a range
      const start = at();
      return Buffer.concat([b.subarray(0, start), b.subarray(start + 1 + rand(16))]);
    }
    case 3: { // duplicate a range
      const start = at();
      const piece = b.subarray(start, start + 1 + rand(32));
      const to = at(1);
      return Buffer.concat([b.subarray(0, to), piece, b.subarray(to)]);
    }
    case 4: { // insert an escape, valid or not
      const to = at(1);
      const escape = rand(2) ? `\\${rand(512).toString(8)}` : `\\${String.fromCharCode(32 + rand(95))}`;
      return Buffer.concat([b.subarray(0, to), Buffer.from(escape), b.subarray(to)]);
    }
    case 5: // truncate
      return b.subarray(0, at(1));
    case 6: { // the start of this input, the end of another line
      const other = lines[rand(lines.length)]!;
      return Buffer.concat([b.subarray(0, at(1)), other.subarray(rand(other.length + 1))]);
    }
    default: { // swap two bytes
      if (!b.length) return b;
      const i = at(), j = at();
      [b[i], b[j]] = [b[j]!, b[i]!];
      return b;
    }
  }
}

test(`${INPUTS} mutated GDB outputs: records or MiParseError inside the input`, () => {
  const transcript = readFileSync(join(root, 'test', 'unit', 'mi', 'gdb13-transcript.mi'));
  const lines = transcript.toString('latin1').split('\n').filter((l) => l !== '').map((l) => Buffer.from(l, 'latin1'));
  assert.equal(parseOutput(transcript).length, lines.length, 'the recorded output parses as it is');
  const rand = prng(SEED);
  let parsed = 0, rejected = 0;
  for (let k = 0; k < INPUTS; k++) {
    // One line, or a few consecutive lines (line numbers beyond 1).
    const first = rand(lines.length);
    let input: Buffer = Buffer.concat(lines.slice(first, first + 1 + (rand(4) === 0 ? rand(4) : 0)).flatMap((l) => [l, Buffer.from('\n')]));
    for (let m = 1 + rand(4); m > 0; m--) input = mutate(input, lines, rand);
    const where = `input ${k} (seed ${SEED}): ${JSON.stringify(input.toString('latin1'))}`;
    const inputLines = input.toString('latin1').split('\n');
    try {
      const records = parseOutput(input);
      parsed++;
      const expected = input.length && input[input.length - 1] === 0x0a ? inputLines.length - 1 : inputLines.length;
      assert.equal(records.length, input.length ? expected : 0, where);
      assert.deepEqual(records, inputLines.slice(0, records.length).map((l, n) => parseRecord(Buffer.from(l, 'latin1'), n + 1)), where);
    } catch (e) {
      if (!(e instanceof MiParseError)) assert.fail(`${where}: ${e instanceof Error ? e.stack : String(e)}`);
      rejected++;
      assert.ok(e.line >= 1 && e.line <= inputLines.length, `${where}: ${e.message}`);
      const line = inputLines[e.line - 1]!;
      assert.ok(e.column >= 1 && e.column <= line.length + 1, `${where}: ${e.message}`);
      const lineStart = inputLines.slice(0, e.line - 1).reduce((n, l) => n + l.length + 1, 0);
      assert.equal(e.where.offset, lineStart + e.column - 1, where);
    }
  }
  assert.equal(parsed + rejected, INPUTS);
  // Both outcomes are common: the mutations are neither all fatal nor all harmless.
  assert.ok(parsed > INPUTS / 10 && rejected > INPUTS / 10, `parsed ${parsed}, rejected ${rejected}`);
});
