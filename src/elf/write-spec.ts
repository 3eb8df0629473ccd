import type { SegmentFields } from './write-layout.js';

/**
 * A description of an ELF64 little-endian file for `writeElf`. Field names follow the gABI.
 * Sections are written in the order listed, as indexes 1, 2, ...; the writer appends the
 * string tables that symbol tables need and the description leaves out, `.symtab_shndx`
 * when a symbol lies in a section numbered SHN_LORESERVE or above, and `.shstrtab` (see `shstrtab`).
 */
export interface ElfDescription {
  header: ElfHeaderSpec;
  sections: SectionSpec[];
  /** Program headers, in order. */
  segments?: SegmentSpec[];
  /** Address of the first PT_LOAD whose address the writer chooses: 0 for ET_DYN, 0x400000 for ET_EXEC. */
  base?: number;
  /** p_align of a PT_LOAD that gives none (default 0x1000). */
  pageSize?: number;
  /**
   * The section name table (e_shstrndx), a `strtab` section. Default: the one named
   * `.shstrtab`, appended when missing. clang names sections and symbols in one `.strtab`.
   */
  shstrtab?: SectionRef;
}

export interface ElfHeaderSpec {
  e_type: number;
  e_machine: number;
  e_entry?: number | bigint;
  e_flags?: number;
  ei_osabi?: number;
  ei_abiversion?: number;
}

/** Another section: its name (which must be unique), or its description object. */
export type SectionRef = string | SectionSpec;
/** A symbol of the table in question: its name (which must be unique there), or its description object. */
export type SymbolRef = string | SymbolSpec;

interface SectionBase {
  name: string;
  /** Default: 0, or what the kind of section needs (SHF_ALLOC for .dynsym and .hash, ...). */
  sh_flags?: number | bigint;
  /**
   * For a section of a PT_LOAD, omit it to let the writer choose (file offset and address
   * agree modulo the page size). Elsewhere the default is 0.
   */
  sh_addr?: number;
  sh_addralign?: number;
  sh_entsize?: number;
}

/** Contents given as bytes (or, for SHT_NOBITS, a size); sh_link and sh_info given as they are. */
export interface RawSectionSpec extends SectionBase {
  kind?: undefined;
  sh_type: number;
  data?: Uint8Array;
  /** sh_size of an SHT_NOBITS section. */
  size?: number;
  /** A number is written as is; a reference becomes that section's index. */
  sh_link?: number | SectionRef;
  sh_info?: number | SectionRef;
}

/** SHT_STRTAB holding the names that other sections intern into it. */
export interface StringTableSpec extends SectionBase {
  kind: 'strtab';
  /** An existing table to keep as the prefix: its strings keep their offsets. */
  strings?: Uint8Array;
}

/** SHT_SYMTAB or SHT_DYNSYM. Locals are moved first (stably); sh_info is the first non-local. */
export interface SymbolTableSpec extends SectionBase {
  kind: 'symtab';
  /** SHT_SYMTAB (default) or SHT_DYNSYM. */
  sh_type?: number;
  /** Default: `.strtab` for SHT_SYMTAB, `.dynstr` for SHT_DYNSYM; a missing `.strtab` is appended. */
  strtab?: SectionRef;
  /** Every entry but the null symbol, which the writer puts at index 0. */
  symbols: SymbolSpec[];
}

export interface SymbolSpec {
  name: string;
  /** Where the name lies, honoured when the string table keeps an existing table that holds it there. */
  st_name?: number;
  /** STT_* (default STT_NOTYPE). */
  type?: number;
  /** STB_* (default STB_LOCAL). */
  bind?: number;
  /** Visibility in the low bits (default STV_DEFAULT). */
  st_other?: number;
  /** The section that defines the symbol; indexes from SHN_LORESERVE up go through SHN_XINDEX. */
  section?: SectionRef;
  /** Instead of `section`: a special index (SHN_UNDEF, the default; SHN_ABS; SHN_COMMON). */
  st_shndx?: number;
  st_value?: number | bigint;
  /**
   * Instead of `st_value`: an offset in `section`. In ET_EXEC and ET_DYN, where st_value is an
   * address, the writer adds the section's final sh_addr.
   */
  offset?: number;
  st_size?: number | bigint;
}

/** SHT_RELA or SHT_REL entries against `target` (sh_info), naming symbols of `symtab` (sh_link). */
export interface RelocationSectionSpec extends SectionBase {
  kind: 'rela' | 'rel';
  /** Default: the file's only symbol table, if any; null for none (sh_link 0). */
  symtab?: SectionRef | null;
  /** The section the relocations apply to; omitted for dynamic relocations (sh_info 0). */
  target?: SectionRef;
  relocations: RelocationSpec[];
}

export interface RelocationSpec {
  r_offset: number | bigint;
  /** R_X86_64_*, R_AARCH64_*... */
  type: number;
  /** Default: none (symbol index 0). */
  sym?: SymbolRef;
  /** Ignored by SHT_REL (the addend is in the relocated field). */
  r_addend?: number | bigint;
}

/** SHT_GROUP: a section group (COMDAT) named by a symbol of `symtab`. */
export interface GroupSpec extends SectionBase {
  kind: 'group';
  /** Default: the file's only symbol table. */
  symtab?: SectionRef;
  signature: SymbolRef;
  /** Default GRP_COMDAT. */
  flags?: number;
  members: SectionRef[];
}

/** SHT_HASH: the SysV hash table of a dynamic symbol table. */
export interface HashSpec extends SectionBase {
  kind: 'hash';
  /** Default: `.dynsym`. */
  symtab?: SectionRef;
}

/** SHT_DYNAMIC. A DT_NULL entry is appended unless the last entry is one. */
export interface DynamicSpec extends SectionBase {
  kind: 'dynamic';
  /** Where `{ string }` values are interned (default `.dynstr`). */
  strtab?: SectionRef;
  entries: DynamicEntrySpec[];
}

export interface DynamicEntrySpec {
  d_tag: number | bigint;
  d_val: DynamicValue;
}

/** A d_val/d_ptr: as is, a section's final address or size, or a string's offset in the dynamic string table. */
export type DynamicValue = number | bigint | { addressOf: SectionRef } | { sizeOf: SectionRef } | { string: string };

/** SHT_SYMTAB_SHNDX: the section indexes of the symbols of `symtab` whose st_shndx is SHN_XINDEX. */
export interface SymtabShndxSpec extends SectionBase {
  kind: 'symtab_shndx';
  /** Default: the file's only symbol table. */
  symtab?: SectionRef;
}

export type SectionSpec =
  | RawSectionSpec | StringTableSpec | SymbolTableSpec | RelocationSectionSpec | GroupSpec | HashSpec
  | DynamicSpec | SymtabShndxSpec;

/**
 * A program header. Offsets, addresses and sizes come from the sections it covers (the
 * lowest to the highest), unless given. p_align defaults to the page size for PT_LOAD, 16
 * for PT_GNU_STACK, else the largest sh_addralign covered.
 */
export interface SegmentSpec extends SegmentFields {
  sections?: SectionRef[];
  /**
   * Also cover the ELF header and the program headers: a PT_LOAD then starts at file offset
   * 0; a PT_PHDR covers the program header table (which such a PT_LOAD must map).
   */
  headers?: boolean;
}
