/**
 * Decoded ELF64 records. Field names follow the ELF specification (gABI) so a reader of the
 * spec finds them. Addresses, offsets and sizes are numbers (checked to fit in 2^53 when
 * read); values that can legitimately use all 64 bits (symbol values of absolute symbols,
 * addends, flags) are kept exact where noted.
 */

export interface ElfHeader {
  /** EI_CLASS: 2 for ELF64. */
  ei_class: number;
  /** EI_DATA: 1 little-endian, 2 big-endian. */
  ei_data: number;
  ei_version: number;
  ei_osabi: number;
  ei_abiversion: number;
  e_type: number;
  e_machine: number;
  e_version: number;
  e_entry: number;
  e_phoff: number;
  e_shoff: number;
  e_flags: number;
  e_ehsize: number;
  e_phentsize: number;
  /** Program header count, after the PN_XNUM escape (taken from section 0's sh_info). */
  e_phnum: number;
  e_shentsize: number;
  /** Section count, after the escape (0 in the header: taken from section 0's sh_size). */
  e_shnum: number;
  /** Section-name string table index, after the SHN_XINDEX escape (section 0's sh_link). */
  e_shstrndx: number;
}

export interface ElfSection {
  index: number;
  name: string;
  sh_name: number;
  sh_type: number;
  /** Section flags (64-bit field; every defined flag lies in the low 32 bits, kept exact). */
  sh_flags: bigint;
  sh_addr: number;
  sh_offset: number;
  sh_size: number;
  sh_link: number;
  sh_info: number;
  sh_addralign: number;
  sh_entsize: number;
}

export interface ElfSegment {
  index: number;
  p_type: number;
  p_flags: number;
  p_offset: number;
  p_vaddr: number;
  p_paddr: number;
  p_filesz: number;
  p_memsz: number;
  p_align: number;
}

export interface ElfSymbol {
  /** Index in its table. */
  index: number;
  name: string;
  st_name: number;
  /** st_info & 0xf */
  type: number;
  /** st_info >> 4 */
  bind: number;
  /** st_other & 0x3 */
  visibility: number;
  st_other: number;
  /** The section index, after SHN_XINDEX is resolved through SHT_SYMTAB_SHNDX. */
  st_shndx: number;
  /**
   * True when st_shndx was SHN_XINDEX and came from SHT_SYMTAB_SHNDX: then it is a section
   * index even where it equals a reserved value (SHN_ABS is section 65521 of a large file).
   */
  xindex: boolean;
  /** Exact value: an absolute symbol may use all 64 bits. */
  st_value: bigint;
  st_size: bigint;
}

export interface ElfRelocation {
  r_offset: number;
  /** ELF64_R_SYM(r_info) */
  sym: number;
  /** ELF64_R_TYPE(r_info) */
  type: number;
  /**
   * 0 for SHT_REL (the addend is implicit in the relocated field). A number, checked to lie
   * within ±(2^53 - 1) when read: real addends are small, and a bigint per entry doubles the
   * time to decode the 170k relocations of a large object.
   */
  r_addend: number;
}

/**
 * The entries of an SHT_REL or SHT_RELA section as columns, entry i at index i of each: what a
 * linker reads, without an object per entry (a large object has 170k of them). The fields are
 * those of ElfRelocation.
 */
export interface RelocationTable {
  readonly length: number;
  readonly r_offset: Float64Array;
  readonly sym: Uint32Array;
  readonly type: Uint32Array;
  readonly r_addend: Float64Array;
}

export interface ElfNote {
  name: string;
  type: number;
  desc: Uint8Array;
}

export interface ElfDynamicEntry {
  d_tag: bigint;
  d_val: bigint;
}

export interface ElfGroup {
  /** GRP_COMDAT etc. */
  flags: number;
  /** Section indexes of the members. */
  members: number[];
}
