// A shared object built by the writer in the shape of the GDB registration library: ET_DYN,
// .hash/.dynsym/.dynstr/.text/.dynamic/.data, PT_LOAD RX + RW, PT_DYNAMIC, PT_GNU_STACK (RW),
// exporting a function and a data symbol. The reference tools and the dynamic loader judge it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import {
  DT_HASH, DT_SONAME, DT_STRSZ, DT_STRTAB, DT_SYMENT, DT_SYMTAB, ELF64_SYM_SIZE, EM_X86_64, ET_DYN, PF_R, PF_W,
  PF_X, PT_DYNAMIC, PT_GNU_STACK, PT_LOAD, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_DYNSYM, SHT_PROGBITS,
  STB_GLOBAL, STT_FUNC, STT_OBJECT,
} from '../../../src/elf/consts.js';
import { writeElf, type ElfDescription, type SectionSpec } from '../../../src/elf/write.js';
import { readelfComplaints, run, save, scratch } from './write-tools.js';

const FUNCTION = '__jit_debug_register_code';
const DATA = '__jit_debug_descriptor';

/** The registration library: `ret` for the function, 24 zero bytes (struct jit_descriptor) for the data. */
function registrationLibrary(): ElfDescription {
  const hash: SectionSpec = { kind: 'hash', name: '.hash' };
  const dynstr: SectionSpec = { kind: 'strtab', name: '.dynstr', sh_flags: SHF_ALLOC };
  const text: SectionSpec = { name: '.text', sh_type: SHT_PROGBITS, sh_flags: SHF_ALLOC | SHF_EXECINSTR, sh_addralign: 16, data: Uint8Array.of(0xc3) };
  const data: SectionSpec = { name: '.data', sh_type: SHT_PROGBITS, sh_flags: SHF_ALLOC | SHF_WRITE, sh_addralign: 8, data: new Uint8Array(24) };
  const dynsym: SectionSpec = {
    kind: 'symtab', name: '.dynsym', sh_type: SHT_DYNSYM, symbols: [
      { name: FUNCTION, type: STT_FUNC, bind: STB_GLOBAL, section: text, offset: 0, st_size: 1 },
      { name: DATA, type: STT_OBJECT, bind: STB_GLOBAL, section: data, offset: 0, st_size: 24 },
    ],
  };
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
  return {
    header: { e_type: ET_DYN, e_machine: EM_X86_64 },
    sections: [hash, dynsym, dynstr, text, dynamic, data],
    segments: [
      { p_type: PT_LOAD, p_flags: PF_R | PF_X, headers: true, sections: [hash, dynsym, dynstr, text] },
      { p_type: PT_LOAD, p_flags: PF_R | PF_W, sections: [dynamic, data] },
      { p_type: PT_DYNAMIC, p_flags: PF_R | PF_W, sections: [dynamic] },
      { p_type: PT_GNU_STACK, p_flags: PF_R | PF_W },
    ],
  };
}

const dir = scratch('write-so');
const library = save(dir, 'libjitdbg-test.so', writeElf(registrationLibrary()));

test('readelf -a -W reads the shared object without a warning', () => {
  assert.deepEqual(readelfComplaints(library), []);
});

test('readelf and nm -D list both symbols as GLOBAL DEFAULT', () => {
  const rows = run('readelf', ['--dyn-syms', '-W', library]).split('\n').map((l) => l.trim().split(/\s+/));
  const row = (name: string) => rows.find((r) => r[7] === name);
  assert.deepEqual(row(FUNCTION)?.slice(3, 6), ['FUNC', 'GLOBAL', 'DEFAULT']);
  assert.deepEqual(row(DATA)?.slice(3, 6), ['OBJECT', 'GLOBAL', 'DEFAULT']);
  const nm = run('nm', ['-D', library]);
  assert.match(nm, new RegExp(`^[0-9a-f]+ T ${FUNCTION}$`, 'm'));
  assert.match(nm, new RegExp(`^[0-9a-f]+ D ${DATA}$`, 'm'));
});

test('the dynamic loader opens it, finds both symbols and calls the function', () => {
  const source = join(dir, 'load.c');
  writeFileSync(source, `
#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv) {
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { fprintf(stderr, "dlopen: %s\\n", dlerror()); return 1; }
  void (*fn)(void) = (void (*)(void))dlsym(lib, "${FUNCTION}");
  unsigned char *data = dlsym(lib, "${DATA}");
  if (!fn || !data) { fprintf(stderr, "dlsym: %s\\n", dlerror()); return 2; }
  for (int i = 0; i < 24; i++) if (data[i] != 0) return 3;
  data[0] = 1; /* the data segment is writable */
  fn();
  return dlclose(lib) == 0 ? 0 : 4;
}
`);
  const exe = join(dir, 'load');
  run('gcc', ['-o', exe, source, '-ldl']);
  run(exe, [library]); // throws on a non-zero exit, with the program's stderr
});

test('gdb finds the function through the section headers', () => {
  const out = run('gdb', ['-nx', '-batch', '-ex', `info functions ${FUNCTION}`, library]);
  assert.match(out, new RegExp(`^0x[0-9a-f]+\\s+${FUNCTION}$`, 'm'));
});
