// The ELF numbers against glibc's <elf.h>, and nameOf's lookups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as C from '../../../src/elf/consts.js';

const numbers = Object.entries(C as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number');

test('every constant that <elf.h> also defines has its value', () => {
  const header = readFileSync('/usr/include/elf.h', 'utf8');
  const defines = new Map([...header.matchAll(/^#define\s+([A-Z][A-Za-z0-9_]*)\s+(0x[0-9a-fA-F]+|\d+)\b/gm)].map((m) => [m[1]!, Number(m[2])]));
  let compared = 0;
  for (const [name, value] of numbers) {
    const theirs = defines.get(name);
    if (theirs === undefined) continue;
    assert.equal(value, theirs, name);
    compared++;
  }
  assert.ok(compared > 300, `${compared} constants compared`);
});

test('nameOf answers with the specification name, never with a range marker', () => {
  assert.equal(C.nameOf('SHT_', 4), 'SHT_RELA');
  assert.equal(C.nameOf('SHT_', 0x70000000), undefined);
  assert.equal(C.nameOf('PT_', 0x70000000), 'PT_AARCH64_ARCHEXT');
  assert.equal(C.nameOf('R_X86_64_', 4), 'R_X86_64_PLT32');
  assert.equal(C.nameOf('R_X86_64_', 43), 'R_X86_64_CODE_4_GOTPCRELX');
  assert.equal(C.nameOf('R_AARCH64_', 283), 'R_AARCH64_CALL26');
  assert.equal(C.nameOf('DT_', 0x6ffffef5), 'DT_GNU_HASH');
  assert.equal(C.nameOf('STT_', 99), undefined);
});

test('within each prefix nameOf looks up, no two names share a value', () => {
  for (const prefix of ['ET_', 'EM_', 'SHT_', 'PT_', 'STT_', 'STB_', 'STV_', 'DT_', 'NT_GNU_', 'ELFCOMPRESS_', 'R_X86_64_', 'R_AARCH64_']) {
    const seen = new Map<number, string>();
    for (const [name, value] of numbers) {
      if (!name.startsWith(prefix) || /_(LO|HI)(OS|PROC|USER|RESERVE)$/.test(name)) continue;
      assert.equal(seen.get(value), undefined, `${name} and ${seen.get(value)} are both ${value}`);
      seen.set(value, name);
    }
    assert.ok(seen.size > 0, prefix);
  }
});
