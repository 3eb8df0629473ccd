// The x86-64 disassembler against GNU objdump (binutils 2.40) on real code: sqlite3.o, the
// corpus objects of both compilers, and the C library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { disassembler, ElfFile, EM_X86_64, type Instruction, type DisasmSyntax } from '../../../src/index.js';
import { corpusObjects, sqlite3Object, systemFiles } from '../../fixtures/corpus.js';
import { compare, objdump, pieces, sameX86Mnemonic, type Listed } from './objdump.js';

const same = (listed: Listed, ours: Instruction): boolean => sameX86Mnemonic(listed.mnemonic, listed.operands, ours.mnemonic);

/**
 * The kind objdump's mnemonic says, after its prefixes (`bnd jmp`, `notrack call`). xbegin
 * is a jump: to its abort handler, when the transaction aborts.
 */
function kindOf(mnemonic: string): Instruction['kind'] {
  const m = mnemonic.split(' ').at(-1)!;
  if (m === 'call') return 'call';
  if (/^(?:ret|iret[dq]?)$/.test(m)) return 'return';
  if (/^(?:j[a-z]+|loop[a-z]*|xbegin)$/.test(m)) return 'jump';
  return 'other';
}

async function matchesObjdump(file: string, syntax: DisasmSyntax = 'att'): Promise<number> {
  const elf = ElfFile.read(readFileSync(file), file);
  const d = await disassembler(EM_X86_64, syntax);
  try {
    const args = ['--insn-width=15', ...(syntax === 'intel' ? ['-M', 'intel'] : [])];
    const { instructions, differences } = compare(d, pieces(elf), objdump('objdump', args, file), same, kindOf);
    assert.deepEqual(differences.slice(0, 20), [], `${file}: ${differences.length} of ${instructions} instructions differ`);
    return instructions;
  } finally {
    d.close();
  }
}

test('sqlite3.o: every instruction of its code as objdump lists it: address, size, mnemonic, kind, branch target', async () => {
  assert.ok((await matchesObjdump(sqlite3Object().object)) > 200_000);
});

test('the C library: every instruction of its code as objdump lists it, AVX2 and AVX-512 string functions included', async () => {
  const libc = systemFiles().find((f) => /\/libc\.so\.6$/.test(f))!;
  assert.ok((await matchesObjdump(libc)) > 300_000);
});

test('the corpus objects of gcc and clang at -O0, -O2 and -mcmodel=large match objdump, and in Intel syntax objdump -M intel', async () => {
  const objects = corpusObjects().filter((o) => /^(?:clang-)?(?:O0|O2|large)$/.test(o.variant));
  assert.ok(objects.length >= 30);
  for (const o of objects) await matchesObjdump(o.object);
  for (const o of objects.filter((o) => o.variant === 'O2')) await matchesObjdump(o.object, 'intel');
});
