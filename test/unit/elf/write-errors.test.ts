// Impossible descriptions are programmer errors: a plain Error that names what is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatError } from '../../../src/binary/errors.js';
import {
  EM_X86_64, ET_DYN, ET_REL, PF_R, PT_LOAD, PT_PHDR, R_X86_64_64, SHF_ALLOC, SHT_NOBITS, SHT_PROGBITS, SHT_SYMTAB,
  STB_GLOBAL,
} from '../../../src/elf/consts.js';
import { writeElf, type ElfDescription, type RawSectionSpec, type SectionSpec } from '../../../src/elf/write.js';

const section = (name: string, extra: Partial<RawSectionSpec> = {}): RawSectionSpec => ({ name, sh_type: SHT_PROGBITS, data: new Uint8Array(8), ...extra });
const rel = (sections: SectionSpec[], extra: Partial<ElfDescription> = {}): ElfDescription => ({ header: { e_type: ET_REL, e_machine: EM_X86_64 }, sections, ...extra });
const dyn = (sections: SectionSpec[], segments: ElfDescription['segments']): ElfDescription => ({ header: { e_type: ET_DYN, e_machine: EM_X86_64 }, sections, segments });

function rejects(desc: () => ElfDescription, message: RegExp): void {
  assert.throws(() => writeElf(desc()), (e: unknown) => e instanceof Error && !(e instanceof FormatError) && message.test(e.message));
}

test('references to sections that are missing or ambiguous', () => {
  rejects(() => rel([section('.a', { sh_link: '.nope' })]), /section \.a: no section named '\.nope'/);
  rejects(() => rel([section('.a'), section('.a'), section('.b', { sh_link: '.a' })]), /2 sections are named '\.a'/);
  rejects(() => rel([section('.a', { sh_link: section('.elsewhere') })]), /'\.elsewhere' that is not in the description/);
  const a = section('.a');
  rejects(() => rel([a, a]), /the same object is listed twice/);
});

test('symbols and relocations that cannot be written', () => {
  const text = section('.text');
  const stranger = { name: 'stranger', bind: STB_GLOBAL };
  rejects(() => rel([text, { kind: 'symtab', name: '.symtab', symbols: [] }, { kind: 'rela', name: '.rela.text', target: text, relocations: [{ r_offset: 0, type: R_X86_64_64, sym: stranger }] }]),
    /relocation at 0x0: symbol 'stranger' is not in \.symtab/);
  rejects(() => rel([text, { kind: 'symtab', name: '.symtab', symbols: [{ name: 'f', offset: 4 }] }]), /'offset' needs 'section'/);
  rejects(() => rel([text, { kind: 'symtab', name: '.symtab', symbols: [{ name: 'f', section: text, st_shndx: 1 }] }]), /gives both section and st_shndx/);
  rejects(() => rel([text, { kind: 'symtab', name: '.symtab', symbols: [] }, { kind: 'symtab', name: '.symtab2', strtab: '.strtab', symbols: [] },
    { kind: 'rela', name: '.rela.text', target: text, relocations: [] }]), /2 symbol tables; say which one/);
  rejects(() => rel([text, { kind: 'symtab', name: '.symtab', strtab: text, symbols: [] }]), /not a 'strtab' section/);
  rejects(() => rel([{ kind: 'symtab', name: '.symtab', symbols: [{ name: 'a\0b' }] }]), /contains a NUL character/);
  rejects(() => rel([text, { kind: 'rela', name: '.rela.text', symtab: text, relocations: [] }]), /\.text is not a symbol table/);
});

test('section fields that contradict each other', () => {
  rejects(() => rel([section('.a', { sh_addralign: 3 })]), /sh_addralign 3 is not 0 or a power of two/);
  rejects(() => rel([section('.bss', { sh_type: SHT_NOBITS })]), /SHT_NOBITS has no data/);
  rejects(() => rel([section('.a', { size: 4 })]), /size 4 differs from its data \(8 bytes\)/);
  rejects(() => rel([section('.a', { sh_addr: 0x1004, sh_addralign: 8 })]), /sh_addr 0x1004 is not a multiple of sh_addralign 8/);
  rejects(() => rel([section('.a', { sh_type: SHT_SYMTAB, sh_flags: SHF_ALLOC, sh_link: 'x' })]), /no section named 'x'/);
});

test('segments that cannot be laid out', () => {
  const a = section('.a', { sh_flags: SHF_ALLOC, sh_addr: 0x2000 });
  const b = section('.b', { sh_flags: SHF_ALLOC, sh_addr: 0x1000 });
  rejects(() => dyn([a, b], [{ p_type: PT_LOAD, p_flags: PF_R, sections: [a, b] }]), /section \.b: sh_addr 0x1000 overlaps what its PT_LOAD already holds/);
  rejects(() => dyn([a, b], [{ p_type: PT_LOAD, p_flags: PF_R, sections: [a] }, { p_type: PT_LOAD, p_flags: PF_R, sections: [a, b] }]), /\.a is listed in two PT_LOAD/);
  rejects(() => dyn([a, b], [{ p_type: PT_LOAD, p_flags: PF_R, sections: [a] }, { p_type: PT_LOAD, p_flags: PF_R, sections: [b] }]), /PT_LOAD at 0x1000 overlaps or precedes/);
  rejects(() => dyn([a], [{ p_type: PT_PHDR, p_flags: PF_R, headers: true }, { p_type: PT_LOAD, p_flags: PF_R, sections: [a] }]), /PT_PHDR: no PT_LOAD maps the program headers/);
  rejects(() => dyn([a], [{ p_type: PT_LOAD, p_flags: PF_R, sections: ['.nope'] }]), /segment p_type 0x1: no section named '\.nope'/);
});
