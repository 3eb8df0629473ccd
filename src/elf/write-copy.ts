import {
  PT_LOAD, PT_PHDR, PT_TLS, SHF_ALLOC, SHF_INFO_LINK, SHF_TLS, SHN_LORESERVE, SHN_UNDEF, SHN_XINDEX,
  SHT_DYNSYM, SHT_GROUP, SHT_NOBITS, SHT_REL, SHT_RELA, SHT_STRTAB, SHT_SYMTAB, SHT_SYMTAB_SHNDX,
  ELF64_SYM_SIZE,
} from './consts.js';
import { FormatError } from '../binary/errors.js';
import type { ElfFile } from './read.js';
import type { ElfSection, ElfSegment } from './types.js';
import type { ElfDescription, SectionSpec, SegmentSpec, SymbolSpec } from './write-spec.js';

/**
 * A description that `writeElf` turns back into the same file, but for file offsets: every
 * section keeps its header fields and bytes, string tables keep their strings at the same
 * offsets, symbol tables, relocations and groups are rebuilt from their entries, and program
 * headers are rebuilt from the sections they cover (their addresses and memory sizes kept).
 * A `.hash` is kept as it is: linkers may size it otherwise than the writer would (after
 * changing the dynamic symbols, make it `{ kind: 'hash' }`). References between sections are objects, so the description can be edited (sections
 * added, removed or reordered) and written again.
 */
export function descriptionOf(elf: ElfFile): ElfDescription {
  const { header } = elf;
  const sections = elf.sections;
  const specs: SectionSpec[] = new Array(sections.length);
  const symbolSpecs = new Map<number, SymbolSpec[]>();
  const ref = (i: number): SectionSpec => specs[i]!;
  const isSection = (i: number): boolean => i > 0 && i < sections.length;

  // Symbol tables first: relocations and groups refer to their symbols.
  for (const s of elf.symbolTables) {
    const raw = elf.sectionData(s);
    symbolSpecs.set(s.index, elf.symbols(s).slice(1).map((sym) => {
      // The raw field tells SHN_ABS (0xfff1) from a section numbered 0xfff1 reached through SHN_XINDEX.
      const shndx = raw[sym.index * ELF64_SYM_SIZE + 6]! | (raw[sym.index * ELF64_SYM_SIZE + 7]! << 8);
      const spec: SymbolSpec = { name: sym.name, st_name: sym.st_name, type: sym.type, bind: sym.bind, st_other: sym.st_other, st_value: sym.st_value, st_size: sym.st_size };
      const special = shndx !== SHN_XINDEX && (shndx === SHN_UNDEF || shndx >= SHN_LORESERVE);
      if (special || !isSection(sym.st_shndx)) spec.st_shndx = sym.st_shndx;
      return spec;
    }));
  }
  for (const s of sections.slice(1)) specs[s.index] = sectionSpec(elf, s, symbolSpecs);
  // Now that every section has its object, links become references.
  for (const s of sections.slice(1)) link(specs[s.index]!, s, ref, isSection, symbolSpecs, elf);

  const description: ElfDescription = {
    header: {
      e_type: header.e_type, e_machine: header.e_machine, e_entry: header.e_entry, e_flags: header.e_flags,
      ei_osabi: header.ei_osabi, ei_abiversion: header.ei_abiversion,
    },
    sections: specs.slice(1),
  };
  if (isSection(header.e_shstrndx)) description.shstrtab = ref(header.e_shstrndx);
  if (elf.segments.length) description.segments = elf.segments.map((p) => segmentSpec(p, sections, ref));
  return description;
}

/** The section's own fields; references are filled in by `link`. */
function sectionSpec(elf: ElfFile, s: ElfSection, symbolSpecs: Map<number, SymbolSpec[]>): SectionSpec {
  const base = { name: s.name, sh_flags: s.sh_flags, sh_addr: s.sh_addr, sh_addralign: s.sh_addralign, sh_entsize: s.sh_entsize };
  const data = elf.sectionData(s);
  switch (s.sh_type) {
    case SHT_STRTAB:
      if (data.length > 0 && data[0] === 0 && data[data.length - 1] === 0) return { ...base, kind: 'strtab', strings: data };
      break;
    case SHT_SYMTAB:
    case SHT_DYNSYM:
      return { ...base, kind: 'symtab', sh_type: s.sh_type, symbols: symbolSpecs.get(s.index)! };
    case SHT_REL:
    case SHT_RELA:
      return { ...base, kind: s.sh_type === SHT_RELA ? 'rela' : 'rel', relocations: [] };
    case SHT_GROUP:
      return { ...base, kind: 'group', signature: '', members: [] };
    case SHT_SYMTAB_SHNDX:
      return { ...base, kind: 'symtab_shndx' };
  }
  if (s.sh_type === SHT_NOBITS) return { ...base, sh_type: s.sh_type, size: s.sh_size, sh_link: s.sh_link, sh_info: s.sh_info };
  return { ...base, sh_type: s.sh_type, data, sh_link: s.sh_link, sh_info: s.sh_info };
}

/** Turns section and symbol indexes of `s` into references to their description objects. */
function link(
  spec: SectionSpec,
  s: ElfSection,
  ref: (i: number) => SectionSpec,
  isSection: (i: number) => boolean,
  symbolSpecs: Map<number, SymbolSpec[]>,
  elf: ElfFile,
): void {
  const fail = (reason: string): FormatError => new FormatError(reason, { ...(elf.file === undefined ? {} : { file: elf.file }), section: s.name });
  const symbolsOf = (table: number): SymbolSpec[] => {
    const symbols = symbolSpecs.get(table);
    if (!symbols) throw fail(`sh_link ${table} is not a symbol table`);
    return symbols;
  };
  switch (spec.kind) {
    case undefined:
      if (isSection(s.sh_link)) spec.sh_link = ref(s.sh_link);
      if ((s.sh_flags & BigInt(SHF_INFO_LINK)) !== 0n && isSection(s.sh_info)) spec.sh_info = ref(s.sh_info);
      return;
    case 'symtab':
      spec.strtab = ref(s.sh_link);
      for (const [i, sym] of elf.symbols(s).entries()) {
        if (i > 0 && spec.symbols[i - 1]!.st_shndx === undefined) spec.symbols[i - 1]!.section = ref(sym.st_shndx);
      }
      return;
    case 'rela':
    case 'rel': {
      const symbols = s.sh_link === 0 ? [] : symbolsOf(s.sh_link);
      spec.symtab = s.sh_link === 0 ? null : ref(s.sh_link);
      if (s.sh_info !== 0 && !isSection(s.sh_info)) throw fail(`sh_info ${s.sh_info} is not a section index`);
      if (s.sh_info !== 0) spec.target = ref(s.sh_info);
      spec.relocations = elf.relocations(s).map((r) => ({
        r_offset: r.r_offset, type: r.type, sym: r.sym === 0 ? undefined : symbols[r.sym - 1]!, r_addend: r.r_addend,
      }));
      return;
    }
    case 'group': {
      const group = elf.group(s);
      const signature = symbolsOf(s.sh_link)[s.sh_info - 1];
      if (!signature) throw fail(`sh_info ${s.sh_info} is not a symbol of the group's symbol table`);
      spec.symtab = ref(s.sh_link);
      spec.signature = signature;
      spec.flags = group.flags;
      spec.members = group.members.map(ref);
      return;
    }
    case 'symtab_shndx':
      symbolsOf(s.sh_link);
      spec.symtab = ref(s.sh_link);
      return;
  }
}

/**
 * A program header covering the same sections: those that lie in its memory range (.tbss,
 * which overlaps what follows it, only in PT_TLS, which holds nothing else). Its address and
 * memory size are kept, and so is the file size of a segment other than PT_LOAD that is file
 * bytes throughout (PT_GNU_RELRO, PT_DYNAMIC...): a linker may pad it past its last section.
 */
function segmentSpec(p: ElfSegment, sections: ElfSection[], ref: (i: number) => SectionSpec): SegmentSpec {
  const covered = sections.filter((s) => {
    if (s.index === 0 || (s.sh_flags & BigInt(SHF_ALLOC)) === 0n) return false;
    const tls = (s.sh_flags & BigInt(SHF_TLS)) !== 0n;
    if (p.p_type === PT_TLS ? !tls : tls && s.sh_type === SHT_NOBITS) return false;
    const end = p.p_vaddr + p.p_memsz;
    return s.sh_addr >= p.p_vaddr && (s.sh_size === 0 ? s.sh_addr < end : s.sh_addr + s.sh_size <= end);
  });
  const spec: SegmentSpec = { p_type: p.p_type, p_flags: p.p_flags, p_align: p.p_align, p_vaddr: p.p_vaddr, p_paddr: p.p_paddr, p_memsz: p.p_memsz };
  if (p.p_type === PT_PHDR || (p.p_type === PT_LOAD && p.p_offset === 0 && p.p_filesz > 0)) spec.headers = true;
  if (p.p_type !== PT_LOAD && p.p_filesz === p.p_memsz) spec.p_filesz = p.p_filesz;
  if (covered.length) spec.sections = covered.map((s) => ref(s.index));
  else if (!spec.headers) Object.assign(spec, { p_offset: p.p_offset, p_filesz: p.p_filesz });
  return spec;
}
