// The relocation table against the ELF constants and the relocations gcc emitted for the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { nameOf } from '../../../src/elf/consts.js';
import { X86_64_RELOCATIONS, fits } from '../../../src/link/arch/x86-64.js';
import { corpusObjects, sqlite3Object } from '../../fixtures/corpus.js';

test('every x86-64 relocation type has one row, under its specification name', () => {
  for (let type = 0; type < 64; type++) {
    const name = nameOf('R_X86_64_', type);
    const row = X86_64_RELOCATIONS.get(type);
    if (name === undefined) {
      assert.equal(row, undefined, `type ${type}`);
      continue;
    }
    assert.ok(row, `${name} has no row`);
    assert.equal(row.name, name);
  }
});

test('every relocation type gcc emitted for the corpus has a row that computes it, or refuses thread-local storage', () => {
  const seen = new Set<string>();
  for (const o of [...corpusObjects(), sqlite3Object()]) {
    const text = execFileSync('readelf', ['-rW', o.object], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const m of text.matchAll(/\b(R_X86_64_\w+)/g)) seen.add(m[1]!);
  }
  assert.ok(seen.size > 10);
  const byName = new Map([...X86_64_RELOCATIONS.values()].map((r) => [r.name, r]));
  for (const name of seen) {
    const row = byName.get(name);
    assert.ok(row, `${name}: no row`);
    if ('refused' in row) assert.match(row.refused, /thread-local/, name);
  }
});

test('field ranges', () => {
  assert.ok(fits('int32', -0x80000000) && fits('int32', 0x7fffffff));
  assert.ok(!fits('int32', 0x80000000) && !fits('int32', -0x80000001));
  assert.ok(fits('uint32', 0xffffffff) && !fits('uint32', -1) && !fits('uint32', 2 ** 32));
  assert.ok(!fits('word64', NaN));
});
