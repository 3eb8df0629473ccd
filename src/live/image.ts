import { FormatError } from '../binary/errors.js';
import { ET_REL, SHF_EXECINSTR, SHN_UNDEF, SHT_SYMTAB, STT_FILE, STT_FUNC } from '../elf/consts.js';
import { sectionAddress } from '../elf/debug-sections.js';
import { ElfFile } from '../elf/read.js';
import type { ElfSection, ElfSymbol } from '../elf/types.js';

/** What a registered image describes, as `jitdbg jit list` and `jitdbg list` in GDB (gdb-scripts/jitdbg/image.py) show it. */
export interface ImageSummary {
  /** The image, or why our reader refuses it. */
  elf: ElfFile | FormatError;
  /** The first STT_FILE symbol, "+N" for N more (a batch of modules); else "". */
  name: string;
  /** The executable sections' sh_addr and size. */
  codeSections: ElfSection[];
  /** [lowest, highest) address of the executable sections. */
  code?: [number, number];
  functions: ElfSymbol[];
}

export function summarize(image: Uint8Array, file: string): ImageSummary {
  let elf: ElfFile;
  let symbols: ElfSymbol[];
  try {
    elf = ElfFile.read(image, file);
    symbols = elf.sections.filter((s) => s.sh_type === SHT_SYMTAB).flatMap((t) => elf.symbols(t));
  } catch (e) {
    if (e instanceof FormatError) return { elf: e, name: '', codeSections: [], functions: [] };
    throw e;
  }
  const files = symbols.filter((s) => s.type === STT_FILE).map((s) => s.name);
  const codeSections = elf.sections.filter((s) => (s.sh_flags & BigInt(SHF_EXECINSTR)) !== 0n && s.sh_size > 0);
  const code: [number, number] | undefined = codeSections.length
    ? [Math.min(...codeSections.map((s) => s.sh_addr)), Math.max(...codeSections.map((s) => s.sh_addr + s.sh_size))]
    : undefined;
  return {
    elf,
    name: files.length ? files[0]! + (files.length > 1 ? ` +${files.length - 1}` : '') : '',
    codeSections,
    code,
    functions: symbols.filter((s) => s.type === STT_FUNC && s.st_shndx !== SHN_UNDEF),
  };
}

/** Where a symbol is in the process: a relocatable object's values are offsets in their section (at its patched sh_addr). */
export function symbolAddress(elf: ElfFile, sym: ElfSymbol): number {
  return Number(sym.st_value) + (elf.header.e_type === ET_REL ? sectionAddress(elf, sym) : 0);
}
