// A shared object built by the writer with the sections GDB's JIT interface library needs
// (.hash/.dynsym/.dynstr/.dynamic, PT_LOAD RX + RW, PT_DYNAMIC, PT_GNU_STACK RW, a global
// function and a global data symbol) and more of what a linker writes: PT_PHDR, a build-id
// note in PT_NOTE, .bss after .data, and a non-allocated .symtab. readelf, nm, gdb and the
// dynamic loader judge it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DT_HASH, DT_SONAME, DT_STRSZ, DT_STRTAB, DT_SYMENT, DT_SYMTAB, ELF64_SYM_SIZE, EM_X86_64, ET_DYN, NT_GNU_BUILD_ID,
  PF_R, PF_W, PF_X, PT_DYNAMIC, PT_GNU_STACK, PT_LOAD, PT_NOTE, PT_PHDR, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE,
  SHN_ABS, SHT_DYNSYM, SHT_NOBITS, SHT_NOTE, SHT_PROGBITS, STB_GLOBAL, STT_FILE, STT_FUNC, STT_OBJECT,
} from '../../../src/elf/consts.js';
import { ByteWriter } from '../../../src/binary/writer.js';
import { writeElf, type ElfDescription, type SectionSpec, type SymbolSpec } from '../../../src/elf/write.js';
import { compileC, readelfComplaints, run, save, scratch } from './write-tools.js';

const FUNCTION = '__jit_debug_register_code';
const DATA = '__jit_debug_descriptor';
const ANSWER = 'jitdbg_test_answer';
const BUFFER = 'jitdbg_test_buffer';
const BUFFER_SIZE = 0x2345;
const BUILD_ID = Uint8Array.from({ length: 20 }, (_, i) => i * 13);

function buildIdNote(): Uint8Array {
  return new ByteWriter().u32(4).u32(BUILD_ID.length).u32(NT_GNU_BUILD_ID).cstring('GNU').bytes(BUILD_ID).finish();
}

function sharedObject(): ElfDescription {
  const note: SectionSpec = { name: '.note.gnu.build-id', sh_type: SHT_NOTE, sh_flags: SHF_ALLOC, sh_addralign: 4, data: buildIdNote() };
  const hash: SectionSpec = { kind: 'hash', name: '.hash' };
  const dynstr: SectionSpec = { kind: 'strtab', name: '.dynstr', sh_flags: SHF_ALLOC };
  // `ret`, then `mov eax, 42; ret`
  const text: SectionSpec = { name: '.text', sh_type: SHT_PROGBITS, sh_flags: SHF_ALLOC | SHF_EXECINSTR, sh_addralign: 16, data: Uint8Array.of(0xc3, 0xb8, 42, 0, 0, 0, 0xc3) };
  const data: SectionSpec = { name: '.data', sh_type: SHT_PROGBITS, sh_flags: SHF_ALLOC | SHF_WRITE, sh_addralign: 8, data: Uint8Array.of(1, ...new Uint8Array(23)) };
  const bss: SectionSpec = { name: '.bss', sh_type: SHT_NOBITS, sh_flags: SHF_ALLOC | SHF_WRITE, sh_addralign: 32, size: BUFFER_SIZE };
  const exported: SymbolSpec[] = [
    { name: FUNCTION, type: STT_FUNC, bind: STB_GLOBAL, section: text, offset: 0, st_size: 1 },
    { name: ANSWER, type: STT_FUNC, bind: STB_GLOBAL, section: text, offset: 1, st_size: 6 },
    { name: DATA, type: STT_OBJECT, bind: STB_GLOBAL, section: data, offset: 0, st_size: 24 },
    { name: BUFFER, type: STT_OBJECT, bind: STB_GLOBAL, section: bss, offset: 0, st_size: BUFFER_SIZE },
  ];
  const dynsym: SectionSpec = { kind: 'symtab', name: '.dynsym', sh_type: SHT_DYNSYM, symbols: exported };
  const dynamic: SectionSpec = {
    kind: 'dynamic', name: '.dynamic', entries: [
      { d_tag: DT_HASH, d_val: { addressOf: hash } },
      { d_tag: DT_STRTAB, d_val: { addressOf: dynstr } },
      { d_tag: DT_SYMTAB, d_val: { addressOf: dynsym } },
      { d_tag: DT_STRSZ, d_val: { sizeOf: dynstr } },
      { d_tag: DT_SYMENT, d_val: ELF64_SYM_SIZE },
      { d_tag: DT_SONAME, d_val: { string: 'libjitdbg-test.so' } },
    ],
  };
  // Globals listed before the local: the writer puts locals first.
  const symtab: SectionSpec = { kind: 'symtab', name: '.symtab', symbols: [...exported.map((s) => ({ ...s })), { name: 'test.s', type: STT_FILE, st_shndx: SHN_ABS }] };
  return {
    header: { e_type: ET_DYN, e_machine: EM_X86_64 },
    sections: [note, hash, dynsym, dynstr, text, dynamic, data, bss, symtab],
    segments: [
      { p_type: PT_PHDR, p_flags: PF_R, headers: true },
      { p_type: PT_LOAD, p_flags: PF_R | PF_X, headers: true, sections: [note, hash, dynsym, dynstr, text] },
      { p_type: PT_LOAD, p_flags: PF_R | PF_W, sections: [dynamic, data, bss] },
      { p_type: PT_DYNAMIC, p_flags: PF_R | PF_W, sections: [dynamic] },
      { p_type: PT_NOTE, p_flags: PF_R, sections: [note] },
      { p_type: PT_GNU_STACK, p_flags: PF_R | PF_W },
    ],
  };
}

const dir = scratch('write-so');
const library = save(dir, 'libjitdbg-test.so', writeElf(sharedObject()));

test('readelf -a -W reads the shared object without a warning', () => {
  assert.deepEqual(readelfComplaints(library), []);
});

test('readelf and nm -D list the exported symbols as GLOBAL DEFAULT', () => {
  const rows = run('readelf', ['--dyn-syms', '-W', library]).split('\n').map((l) => l.trim().split(/\s+/));
  const row = (name: string) => rows.find((r) => r[7] === name)?.slice(2, 6);
  assert.deepEqual(row(FUNCTION), ['1', 'FUNC', 'GLOBAL', 'DEFAULT']);
  assert.deepEqual(row(ANSWER), ['6', 'FUNC', 'GLOBAL', 'DEFAULT']);
  assert.deepEqual(row(DATA), ['24', 'OBJECT', 'GLOBAL', 'DEFAULT']);
  assert.deepEqual(row(BUFFER), [String(BUFFER_SIZE), 'OBJECT', 'GLOBAL', 'DEFAULT']);
  const nm = run('nm', ['-D', library]);
  for (const [letter, name] of [['T', FUNCTION], ['T', ANSWER], ['D', DATA], ['B', BUFFER]]) {
    assert.match(nm, new RegExp(`^[0-9a-f]+ ${letter} ${name}$`, 'm'));
  }
});

test('readelf maps each section to the segments that hold it, and reads the build-id', () => {
  const out = run('readelf', ['-l', '-n', '-W', library]);
  const mapping = out.slice(out.indexOf('Section to Segment mapping')).split('\n').slice(2, 8).map((l) => l.trim().split(/\s+/).slice(1).join(' '));
  assert.deepEqual(mapping, ['', '.note.gnu.build-id .hash .dynsym .dynstr .text', '.dynamic .data .bss', '.dynamic', '.note.gnu.build-id', '']);
  assert.match(out, new RegExp(`Build ID: ${Buffer.from(BUILD_ID).toString('hex')}`));
});

test('the dynamic loader opens it, finds the symbols, calls the functions and writes the data', () => {
  const load = compileC(dir, 'load', `
#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv) {
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { fprintf(stderr, "dlopen: %s\\n", dlerror()); return 1; }
  void (*reg)(void) = (void (*)(void))dlsym(lib, "${FUNCTION}");
  int (*answer)(void) = (int (*)(void))dlsym(lib, "${ANSWER}");
  unsigned char *descriptor = dlsym(lib, "${DATA}");
  unsigned char *buffer = dlsym(lib, "${BUFFER}");
  if (!reg || !answer || !descriptor || !buffer) { fprintf(stderr, "dlsym: %s\\n", dlerror()); return 2; }
  if (descriptor[0] != 1) return 3;
  for (int i = 1; i < 24; i++) if (descriptor[i] != 0) return 4;
  for (int i = 0; i < ${BUFFER_SIZE}; i++) if (buffer[i] != 0) return 5;
  descriptor[1] = 1;
  buffer[${BUFFER_SIZE - 1}] = 1;
  reg();
  if (answer() != 42) return 6;
  return dlclose(lib) == 0 ? 0 : 7;
}
`);
  run(load, [library]); // throws on a non-zero exit, with the program's stderr
});

test('gdb finds the functions through the section headers', () => {
  const out = run('gdb', ['-nx', '-batch', '-ex', `info functions ${FUNCTION}`, '-ex', `info functions ${ANSWER}`, library]);
  assert.match(out, new RegExp(`^0x[0-9a-f]+\\s+${FUNCTION}$`, 'm'));
  assert.match(out, new RegExp(`^0x[0-9a-f]+\\s+${ANSWER}$`, 'm'));
});
