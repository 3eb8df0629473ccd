// Reads every part of an ELF file that ElfFile can decode: what the bad-input and fuzz tests
// run on each input.
import { PT_NOTE, SHT_GROUP, SHT_NOTE } from '../../../src/elf/consts.js';
import { ElfFile } from '../../../src/elf/read.js';

export function readAll(bytes: Uint8Array, file?: string): ElfFile {
  const elf = ElfFile.read(bytes, file);
  for (const s of elf.sections) {
    elf.sectionContents(s);
    if (s.sh_type === SHT_GROUP) elf.group(s);
    if (s.sh_type === SHT_NOTE) elf.notes(s);
  }
  for (const p of elf.segments) if (p.p_type === PT_NOTE) elf.notes(p);
  for (const t of elf.symbolTables) elf.symbols(t);
  for (const r of elf.relocationSections) elf.relocations(r);
  elf.dynamic();
  return elf;
}
