// The AArch64 disassembler against llvm-objdump-14 on test/unit/disasm/aarch64.c, compiled by
// clang-14 for aarch64-linux-gnu (no AArch64 sysroot needed: the file includes no header).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disassembler, ElfFile, EM_AARCH64, type Instruction } from '../../../src/index.js';
import { root } from '../../fixtures/corpus.js';
import { compare, objdump, pieces, type Listed } from './objdump.js';

const source = join(root, 'test', 'unit', 'disasm', 'aarch64.c');

/** llvm-objdump's branch mnemonics: bl/blr call, ret returns, b, b.cond, br, cbz/cbnz and tbz/tbnz jump. */
function kindOf(mnemonic: string): Instruction['kind'] {
  if (/^blr?$/.test(mnemonic)) return 'call';
  if (mnemonic === 'ret') return 'return';
  if (/^(?:b|b\.\w+|br|cbn?z|tbn?z)$/.test(mnemonic)) return 'jump';
  return 'other';
}

function same(listed: Listed, ours: Instruction): boolean {
  return listed.mnemonic === ours.mnemonic;
}

for (const level of ['-O1', '-O2']) {
  test(`AArch64 (clang-14 ${level}): every instruction as llvm-objdump-14 lists it: address, size, mnemonic, kind, branch target`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jitdbg-aarch64-'));
    try {
      const object = join(dir, 'aarch64.o');
      execFileSync('clang-14', ['--target=aarch64-linux-gnu', '-c', level, source, '-o', object]);
      const elf = ElfFile.read(readFileSync(object), object);
      assert.equal(elf.header.e_machine, EM_AARCH64);
      const d = await disassembler(EM_AARCH64);
      const { instructions, differences } = compare(d, pieces(elf), objdump('llvm-objdump-14', [], object), same, kindOf);
      d.close();
      assert.deepEqual(differences, []);
      assert.ok(instructions > 100, `${instructions} instructions`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
