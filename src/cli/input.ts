/** Reading the files a command is given, with errors that name the file. */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { ELF64_EHDR_SIZE, ELF64_PHDR_SIZE, ELF64_SHDR_SIZE, SHT_NOBITS } from '../elf/consts.js';
import { ElfFile } from '../elf/read.js';
import { UsageError } from './errors.js';

/** Throws a UsageError naming `file` when it is missing, unreadable or not a regular file. */
export function checkFile(file: string, missingHint = ''): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file${missingHint}` : (e as Error).message, { file });
  }
  if (!isFile) throw new UsageError('is a directory, not a file', { file });
}

/** The bytes of an input file. */
export function readInput(file: string): Buffer {
  checkFile(file);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read: ${(e as Error).message}`, { file });
  }
}

/**
 * An ELF file of which only what a listing reads is loaded: the headers, the section name
 * table, the sections whose sh_type is in `sectionTypes` and the segments whose p_type is in
 * `segmentTypes`. The rest of the buffer is never written, so it stays zero and takes no
 * memory: `jitdbg elf` over a 100 MB executable reads its symbol and relocation tables, not
 * its code.
 */
export function readElfTables(file: string, sectionTypes: ReadonlySet<number>, segmentTypes: ReadonlySet<number>): ElfFile {
  checkFile(file);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(size);
    const load = (offset: number, length: number): void => {
      for (let at = offset, end = Math.min(size, offset + length); at < end;) {
        const n = readSync(fd, bytes, at, end - at, at);
        if (n === 0) break;
        at += n;
      }
    };
    // Each stage reads what the fields read before locate: the file header; section 0, which
    // holds the counts the header escapes (so it is found by e_shoff, at byte 40, before the
    // header is decoded); the header tables; the section name table.
    // The name table's sh_offset and sh_size are read raw too: decoding the sections before
    // their names are loaded would name none in its errors.
    const view = new DataView(bytes.buffer);
    const u64 = (at: number): number => (at + 8 <= size ? Number(view.getBigUint64(at, true)) : 0);
    load(0, ELF64_EHDR_SIZE);
    load(u64(40), ELF64_SHDR_SIZE);
    const { header } = ElfFile.read(bytes, file);
    load(header.e_shoff, header.e_shnum * ELF64_SHDR_SIZE);
    load(header.e_phoff, header.e_phnum * ELF64_PHDR_SIZE);
    const names = header.e_shoff + header.e_shstrndx * ELF64_SHDR_SIZE;
    if (header.e_shstrndx !== 0) load(u64(names + 24), u64(names + 32));
    const elf = ElfFile.read(bytes, file);
    // Sections are decoded (and checked) only when some are wanted, as a listing would.
    if (sectionTypes.size) for (const s of elf.sections) if (sectionTypes.has(s.sh_type) && s.sh_type !== SHT_NOBITS) load(s.sh_offset, s.sh_size);
    for (const p of elf.segments) if (segmentTypes.has(p.p_type)) load(p.p_offset, p.p_filesz);
    return elf;
  } catch (e) {
    if (e instanceof Error && 'syscall' in e) throw new UsageError(`cannot read: ${e.message}`, { file });
    throw e;
  } finally {
    closeSync(fd);
  }
}

/** A process id given to `--pid`, for `command`'s messages. */
export function parsePid(command: string, s: string | undefined): number {
  if (s === undefined || !/^\d+$/.test(s) || Number(s) === 0) throw new UsageError(`${command}: --pid needs a process id, got '${s ?? ''}'`);
  return Number(s);
}
