/**
 * The debug image of a linked module: an ELF file that describes the module where it was
 * loaded, readable by GDB (through the JIT interface), LLDB, llvm-dwarfdump or the TUI without
 * a linker. Every loaded section keeps its target address as sh_addr and its bytes as they are
 * in target memory; every debug section is already relocated for those addresses; there is no
 * relocation section; the symbol table holds the module's symbols at their addresses. An
 * ET_EXEC file, since nothing in it is relocatable any more. docs/debug-image.md explains the
 * choices.
 */
import {
  EM_X86_64, ET_EXEC, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHN_ABS, SHT_NOBITS, SHT_PROGBITS, STB_LOCAL, STT_FILE,
} from '../elf/consts.js';
import { writeElf, type RawSectionSpec, type SectionSpec, type SymbolSpec } from '../elf/write.js';
import type { LoadedSection, LoadedSymbol } from '../link/link.js';

/** What an image is made of: a Module, or anything shaped like one. */
export interface ImageSource {
  readonly name: string;
  /** Sections: loaded ones at their target address, debug ones at 0. */
  readonly sections: readonly LoadedSection[];
  readonly symbols: readonly LoadedSymbol[];
  /** Non-allocated sections, relocated for the target addresses. */
  readonly debugSections: ReadonlyMap<string, Uint8Array>;
}

/** Reads `size` bytes of target memory at `address`. */
export type ReadTarget = (address: number, size: number) => Uint8Array;

export interface ImageOptions {
  /** Leave the non-allocated sections out (e.g. when their DWARF is malformed). */
  withoutDebugSections?: boolean;
}

const FLAGS: Record<Exclude<LoadedSection['placement'], 'debug'>, number> = {
  code: SHF_ALLOC | SHF_EXECINSTR,
  rodata: SHF_ALLOC,
  data: SHF_ALLOC | SHF_WRITE,
  zero: SHF_ALLOC | SHF_WRITE,
};

/**
 * Builds the image of `module`. The contents of loaded sections are read from target memory
 * through `read` (after finalize they exist nowhere else): .eh_frame there is what unwinders need,
 * and code lets offline tools disassemble a dumped image.
 */
export function debugImage(module: ImageSource, read: ReadTarget, options: ImageOptions = {}): Uint8Array {
  const loaded: { section: LoadedSection; spec: RawSectionSpec }[] = [];
  const sections: SectionSpec[] = [];
  for (const s of module.sections) {
    if (s.placement === 'debug') continue;
    const nobits = s.placement === 'zero';
    const spec: RawSectionSpec = {
      name: s.name,
      sh_type: nobits ? SHT_NOBITS : s.sh_type === SHT_NOBITS ? SHT_PROGBITS : s.sh_type,
      sh_flags: FLAGS[s.placement],
      sh_addr: s.address,
      sh_addralign: s.align,
      ...(nobits ? { size: s.size } : { data: read(s.address, s.size) }),
    };
    loaded.push({ section: s, spec });
    sections.push(spec);
  }
  if (!options.withoutDebugSections) {
    for (const [name, data] of module.debugSections) sections.push({ name, sh_type: SHT_PROGBITS, sh_addralign: 1, data });
  }
  const byAddress = [...loaded].sort((p, q) => p.section.address - q.section.address);
  // The module's name as the file symbol, the way tools and gdb-scripts/jitdbg.py name an image.
  const symbols: SymbolSpec[] = [{ name: module.name, type: STT_FILE, bind: STB_LOCAL, st_shndx: SHN_ABS }];
  for (const s of module.symbols) {
    const home = sectionAt(byAddress, s.address, s.size);
    symbols.push({
      name: s.name, type: s.type, bind: s.bind, st_value: s.address, st_size: s.size,
      ...(home ? { section: home } : { st_shndx: SHN_ABS }),
    });
  }
  sections.push({ kind: 'symtab', name: '.symtab', symbols });
  return writeElf({ header: { e_type: ET_EXEC, e_machine: EM_X86_64 }, sections });
}

/**
 * The section a symbol lies in: the one whose range holds `address` (a zero-size symbol may sit
 * at a section's end, as `__stop_*` does). Undefined for linker-made data (commons, GOT).
 */
function sectionAt(byAddress: { section: LoadedSection; spec: RawSectionSpec }[], address: number, size: number): RawSectionSpec | undefined {
  let lo = 0;
  let hi = byAddress.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (byAddress[mid]!.section.address <= address) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // Sections do not overlap, but empty ones share addresses: look back while one may still hold it.
  for (let i = found; i >= 0 && byAddress[i]!.section.address + byAddress[i]!.section.size >= address; i--) {
    const s = byAddress[i]!.section;
    if (address < s.address + s.size || (size === 0 && address === s.address + s.size)) return byAddress[i]!.spec;
  }
  return undefined;
}
