import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { FormatError } from '../binary/errors.js';
import { SHN_UNDEF, SHT_DYNSYM, SHT_SYMTAB } from '../elf/consts.js';
import { ElfFile } from '../elf/read.js';

const EHDR_SIZE = 64;

/** A mapped ELF file read only as far as a symbol lookup needs. */
export interface SymbolLookup {
  elf: ElfFile;
  /** st_value of `name`, defined in .symtab (else .dynsym). */
  value: number;
}

/**
 * Looks `name` up in a mapped file's .symtab, else .dynsym, reading only the headers, that
 * table and its string table into a buffer of the file's size (the rest stays zero pages):
 * node's own executable is 99 MB with a 110,000-symbol .symtab, and the string table is
 * searched for the name before any symbol is decoded. Undefined when the file is not an ELF
 * file we can read or does not define the name.
 */
export function lookupSymbol(path: string, name: string): SymbolLookup | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined; // gone since it was mapped, or not ours to read: no descriptor we can find there
  }
  try {
    const bytes = new Uint8Array(fstatSync(fd).size);
    const fill = (offset: number, size: number): void => {
      const end = Math.min(offset + size, bytes.length);
      for (let at = offset; at < end;) {
        const n = readSync(fd, bytes, at, end - at, at);
        if (n === 0) break;
        at += n;
      }
    };
    fill(0, EHDR_SIZE);
    if (bytes.length < EHDR_SIZE || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return undefined;
    const h = new DataView(bytes.buffer, 0, EHDR_SIZE);
    const shnum = h.getUint16(0x3c, true);
    fill(Number(h.getBigUint64(0x20, true)), h.getUint16(0x36, true) * h.getUint16(0x38, true));
    // e_shnum 0 with a section table: the count is in section 0 (a file with 65,280 sections or more), read it all.
    if (shnum === 0) fill(0, bytes.length);
    else fill(Number(h.getBigUint64(0x28, true)), h.getUint16(0x3a, true) * shnum);
    const elf = ElfFile.read(bytes, path);
    const shstrtab = elf.sections[elf.header.e_shstrndx];
    if (shstrtab) fill(shstrtab.sh_offset, shstrtab.sh_size);
    const table = elf.sections.find((s) => s.sh_type === SHT_SYMTAB) ?? elf.sections.find((s) => s.sh_type === SHT_DYNSYM);
    const strtab = table && elf.sections[table.sh_link];
    if (!table || !strtab || strtab.sh_offset + strtab.sh_size > bytes.length) return undefined;
    fill(strtab.sh_offset, strtab.sh_size);
    if (!Buffer.from(bytes.buffer, strtab.sh_offset, strtab.sh_size).includes(`\0${name}\0`)) return undefined;
    fill(table.sh_offset, table.sh_size);
    const sym = elf.symbols(table).find((s) => s.name === name && s.st_shndx !== SHN_UNDEF);
    return sym ? { elf, value: Number(sym.st_value) } : undefined;
  } catch (e) {
    if (e instanceof FormatError) return undefined; // mapped, but not an ELF file our reader takes
    throw e;
  } finally {
    closeSync(fd);
  }
}
