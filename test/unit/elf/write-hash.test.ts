// The SysV .hash section against the one GNU ld writes for the same dynamic symbols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { hashSection } from '../../../src/elf/write-hash.js';
import { run, scratch } from './write-tools.js';

/** The bytes of a section as `readelf -x` dumps them. */
function hexDump(path: string, section: string): Uint8Array {
  const hex = run('readelf', ['-x', section, path]).split('\n')
    .filter((l) => /^\s+0x[0-9a-f]+ /.test(l))
    .map((l) => l.trim().split(/\s+/).slice(1, 5).filter((w) => /^[0-9a-f]+$/.test(w)).join(''))
    .join('');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Names of the dynamic symbols in table order, the null symbol first. */
function dynamicSymbolNames(path: string): string[] {
  return run('readelf', ['--dyn-syms', '-W', path]).split('\n')
    .map((l) => /^\s*(\d+): \S+\s+\d+\s+\S+\s+\S+\s+\S+\s+\S+\s?(.*)$/.exec(l))
    .filter((m) => m !== null)
    .map((m) => m[2]!.trim());
}

for (const count of [2, 40, 300, 3000]) {
  test(`.hash of ${count} symbols is the one GNU ld writes`, () => {
    const dir = scratch('write-hash');
    const source = join(dir, 'syms.c');
    // Names of assorted lengths, long enough for the high nibble fold of the hash to matter.
    const names = Array.from({ length: count }, (_, i) => `${'jit_symbol_'.repeat(1 + (i % 4))}${i.toString(36)}`);
    writeFileSync(source, names.map((n) => `void ${n}(void) {}\n`).join(''));
    const lib = join(dir, 'libsyms.so');
    run('gcc', ['-shared', '-nostdlib', '-fPIC', '-Wl,--hash-style=sysv', '-o', lib, source]);
    const order = dynamicSymbolNames(lib);
    assert.equal(order.length, count + 1);
    assert.deepEqual(hashSection(order), hexDump(lib, '.hash'));
    assert.ok(readFileSync(lib).length > 0);
  });
}
