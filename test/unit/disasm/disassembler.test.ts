// The disassembler's own contract: bytes that do not decode, branch targets at the ends of the
// address space, limits, errors, and the wasm module loaded only by those who ask for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disassembler, DisasmError, EM_386, EM_AARCH64, EM_ARM, EM_X86_64, type Instruction } from '../../../src/index.js';
import { root } from '../../fixtures/corpus.js';
import { compare, objdump, type Listed } from './objdump.js';

const summary = (insns: Instruction[]) => insns.map((i) => `${i.address.toString(16)} ${i.size} ${i.kind} ${i.mnemonic} ${i.operands}`);

test('x86-64: bytes that do not decode are one-byte .byte entries and the listing goes on to the end, at the addresses and sizes objdump gives', async () => {
  const bytes = Uint8Array.from([
    0x55, 0x48, 0x89, 0xe5, // push %rbp; mov %rsp,%rbp
    0x06, 0x07, 0x27, 0x60, 0xd6, // invalid in 64-bit mode
    0x0f, 0x0b, 0xc3, // ud2; ret
    0x48, 0x8b, // mov cut short at the end
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-disasm-'));
  try {
    const file = join(dir, 'bytes.bin');
    writeFileSync(file, bytes);
    const d = await disassembler(EM_X86_64);
    const insns = d.decode(bytes, 0n);
    // objdump writes (bad) for an invalid opcode, and an instruction cut short as its prefix
    // (rex.W) and .byte for the rest.
    const invalid = /^(?:\(bad\)|\.byte|rex\.W)$/;
    const same = (listed: Listed, ours: Instruction) => (invalid.test(listed.mnemonic) ? ours.mnemonic === '.byte' : ours.mnemonic.startsWith(listed.mnemonic));
    const kindOf = (m: string): Instruction['kind'] => (invalid.test(m) ? 'invalid' : m === 'ret' ? 'return' : 'other');
    const piece = { name: 'bytes', section: '.data', address: 0n, bytes };
    const { instructions, differences } = compare(d, [piece], objdump('objdump', ['-b', 'binary', '-m', 'i386:x86-64', '-D'], file), same, kindOf);
    d.close();
    assert.deepEqual(differences, []);
    assert.equal(instructions, 11);
    assert.deepEqual(insns.filter((i) => i.kind === 'invalid').map((i) => [i.size, i.operands]), [
      [1, '0x06'], [1, '0x07'], [1, '0x27'], [1, '0x60'], [1, '0xd6'], [1, '0x48'], [1, '0x8b'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('AArch64: a word that does not decode is one 4-byte .byte entry, and bytes short of a word at the end are one more', async () => {
  const d = await disassembler(EM_AARCH64);
  const bytes = Uint8Array.from([0xe0, 0x03, 0x01, 0xaa, 0xff, 0xff, 0xff, 0xff, 0xc0, 0x03, 0x5f, 0xd6, 0x01, 0x02]);
  assert.deepEqual(summary(d.decode(bytes, 0x1000n)), [
    '1000 4 other mov x0, x1',
    '1004 4 invalid .byte 0xff, 0xff, 0xff, 0xff',
    '1008 4 return ret ',
    '100c 2 invalid .byte 0x01, 0x02',
  ]);
  d.close();
});

test('direct targets: capstone writes small ones in decimal, and addresses wrap at 2^64 as the processor computes them', async () => {
  const x86 = await disassembler(EM_X86_64);
  const call0 = Uint8Array.from([0xe8, 0, 0, 0, 0, 0xeb, 0xf7]); // call .+5; jmp .-9
  assert.deepEqual(x86.decode(call0, 0n).map((i) => i.target), [5n, 2n ** 64n - 2n]);
  const kernel = 0xffffffff81000000n;
  assert.deepEqual(x86.decode(Uint8Array.from([0xe8, 0x10, 0, 0, 0, 0xff, 0xd0, 0xeb, 0xfe]), kernel).map((i) => [i.kind, i.target]), [
    ['call', kernel + 0x15n], ['call', undefined], ['jump', kernel + 7n], // call rel32; call *%rax; jmp .
  ]);
  x86.close();
  const a64 = await disassembler(EM_AARCH64);
  const branches = Uint8Array.from([0xff, 0xff, 0xff, 0x17, 0x01, 0, 0, 0x94, 0x00, 0x01, 0x3f, 0xd6]); // b .-4; bl .+4; blr x8
  assert.deepEqual(a64.decode(branches, 0n).map((i) => [i.kind, i.target]), [['jump', 2n ** 64n - 4n], ['call', 8n], ['call', undefined]]);
  a64.close();
});

test('Intel syntax on request; max limits the count; close is idempotent and decoding afterwards throws', async () => {
  const bytes = Uint8Array.from([0x55, 0x48, 0x89, 0xe5, 0xc3]);
  const intel = await disassembler(EM_X86_64, 'intel');
  assert.deepEqual(summary(intel.decode(bytes, 0n, 2)), ['0 1 other push rbp', '1 3 other mov rbp, rsp']);
  assert.deepEqual(intel.decode(bytes, 0n, 0), []);
  assert.deepEqual(intel.decode(new Uint8Array(0), 0n), []);
  intel.close();
  intel.close();
  assert.throws(() => intel.decode(bytes, 0n), /after close/);
});

test('a machine without a decoder is a DisasmError naming it', async () => {
  for (const [machine, name] of [[EM_ARM, 'EM_ARM (40)'], [EM_386, 'EM_386 (3)'], [4242, 'e_machine (4242)']] as const) {
    await assert.rejects(disassembler(machine), (e) => e instanceof DisasmError && e.message.includes(name));
  }
});

test('importing the API does not load capstone; asking for a disassembler does', () => {
  const script = `
    import { createRequire } from 'node:module';
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('capstone'));
    const api = await import('./dist/src/index.js');
    const before = loaded();
    await api.disassembler(api.EM_X86_64);
    console.log(JSON.stringify([before, loaded()]));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), [false, true]);
});
