// Files with SHN_LORESERVE (0xff00) sections or more: e_shnum and e_shstrndx escape into
// section 0, and symbols of high sections go through SHN_XINDEX and SHT_SYMTAB_SHNDX. Files
// with PN_XNUM (0xffff) program headers or more: the count escapes into section 0 too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ElfFile } from '../../../src/elf/read.js';
import {
  EM_X86_64, ET_EXEC, ET_REL, PN_XNUM, PT_NULL, SHF_ALLOC, SHF_EXECINSTR, SHN_ABS, SHN_LORESERVE, SHN_XINDEX, SHT_PROGBITS, SHT_SYMTAB_SHNDX,
  STB_GLOBAL, STT_FILE, STT_FUNC, STT_SECTION,
} from '../../../src/elf/consts.js';
import { descriptionOf } from '../../../src/elf/write-copy.js';
import { writeElf, type RawSectionSpec, type SymbolSpec } from '../../../src/elf/write.js';
import { readelfComplaints, run, save, scratch } from './write-tools.js';

const dir = scratch('write-huge');

/** The raw st_shndx field of every symbol of `.symtab`. */
function rawShndx(elf: ElfFile): number[] {
  const data = elf.sectionData(elf.section('.symtab')!);
  return Array.from({ length: data.length / 24 }, (_, i) => data[i * 24 + 6]! | (data[i * 24 + 7]! << 8));
}

test('a file of 0xff10 sections written from a description: escapes, SHN_XINDEX, readelf clean', () => {
  const count = SHN_LORESERVE + 0x10;
  const sections: RawSectionSpec[] = Array.from({ length: count }, (_, i) => ({
    name: `.text.f${i}`, sh_type: SHT_PROGBITS, sh_flags: SHF_ALLOC | SHF_EXECINSTR, data: Uint8Array.of(0xc3),
  }));
  // A symbol in a low section, one in a high section, a section symbol and an absolute one.
  const symbols: SymbolSpec[] = [
    { name: 'huge.c', type: STT_FILE, st_shndx: SHN_ABS },
    { name: '', type: STT_SECTION, section: sections[count - 1]! },
    { name: 'low', type: STT_FUNC, bind: STB_GLOBAL, section: sections[5]!, st_size: 1 },
    { name: 'high', type: STT_FUNC, bind: STB_GLOBAL, section: sections[count - 2]!, st_size: 1 },
  ];
  const bytes = writeElf({
    header: { e_type: ET_REL, e_machine: EM_X86_64 },
    sections: [...sections, { kind: 'symtab', name: '.symtab', symbols }],
  });
  const path = save(dir, 'built.o', bytes);
  const elf = ElfFile.read(bytes, path);
  // sections, .symtab, .strtab (appended), .symtab_shndx (appended), .shstrtab
  assert.equal(elf.sections.length, count + 5);
  assert.equal(elf.header.e_shstrndx, count + 4);
  assert.equal(elf.sections[count + 3]!.sh_type, SHT_SYMTAB_SHNDX);
  assert.deepEqual(elf.symbols(elf.section('.symtab')!).map((s) => s.st_shndx), [0, SHN_ABS, count, 6, count - 1]);
  assert.deepEqual(rawShndx(elf), [0, SHN_ABS, SHN_XINDEX, 6, SHN_XINDEX]);

  const out = run('readelf', ['-h', '-s', '-W', path]);
  assert.match(out, new RegExp(`Number of section headers:\\s+0 \\(${count + 5}\\)`));
  assert.match(out, new RegExp(`Section header string table index:\\s+65535 \\(${count + 4}\\)`));
  assert.match(out, new RegExp(`FUNC\\s+GLOBAL\\s+DEFAULT\\s+${count - 1} high$`, 'm'));
  assert.deepEqual(readelfComplaints(path), []);
});

test('an object of 65k sections from the GNU assembler copies exactly, and readelf finds nothing wrong', () => {
  // Each function in its own section, calling the next: as many .rela sections as functions.
  const n = 32650;
  const source = join(dir, 'huge.s');
  writeFileSync(source, Array.from({ length: n }, (_, i) =>
    `.section .text.f${i},"ax",@progbits\n.globl f${i}\n.type f${i},@function\nf${i}:\n call f${(i + 1) % n}\n ret\n`).join(''));
  const object = join(dir, 'huge.o');
  run('as', ['-o', object, source]);
  const original = ElfFile.read(readFileSync(object), object);
  assert.ok(original.sections.length > SHN_LORESERVE && original.header.e_shstrndx > SHN_LORESERVE);
  assert.ok(original.section('.symtab_shndx'));

  const path = save(dir, 'huge.copy.o', writeElf(descriptionOf(original)));
  const copy = ElfFile.read(readFileSync(path), path);
  assert.deepEqual(copy.header, { ...original.header, e_shoff: copy.header.e_shoff });
  for (const s of original.sections) {
    const { sh_offset: _, ...fields } = s;
    const c = copy.sections[s.index]!;
    assert.deepEqual({ ...c, sh_offset: 0 }, { ...fields, sh_offset: 0 });
    assert.ok(Buffer.from(copy.sectionData(c)).equals(original.sectionData(s)), `contents of [${s.index}] ${s.name}`);
  }
  assert.deepEqual(rawShndx(copy), rawShndx(original));
  assert.deepEqual(readelfComplaints(path), []);
});

test('0x10005 program headers: e_phnum is PN_XNUM and the count is in section 0', () => {
  const count = PN_XNUM + 6;
  const bytes = writeElf({
    header: { e_type: ET_EXEC, e_machine: EM_X86_64 },
    sections: [],
    segments: Array.from({ length: count }, () => ({ p_type: PT_NULL, p_flags: 0 })),
  });
  const path = save(dir, 'phnum.o', bytes);
  const elf = ElfFile.read(bytes, path);
  assert.equal(elf.header.e_phnum, count);
  assert.equal(elf.sections[0]!.sh_info, count);
  assert.match(run('readelf', ['-h', path]), new RegExp(`Number of program headers:\\s+65535 \\(${count}\\)`));
  // readelf wants sh_info 0 in every section of a standard type, section 0 included, even
  // where the gABI puts the program header count there.
  assert.deepEqual(readelfComplaints(path), [`readelf: Warning: [ 0]: Unexpected value (${count}) in info field.`]);
});
