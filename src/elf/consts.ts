/**
 * ELF numbers under their specification names (gABI, the GNU extensions, and the x86-64 and
 * AArch64 psABIs, relocation types included), and `nameOf` to turn a number back into its name.
 */
import * as self from './consts.js';

// e_ident
export const ELFMAG = Uint8Array.of(0x7f, 0x45, 0x4c, 0x46);
export const EI_NIDENT = 16;
export const EI_CLASS = 4;
export const EI_DATA = 5;
export const EI_VERSION = 6;
export const EI_OSABI = 7;
export const EI_ABIVERSION = 8;
export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const ELFDATA2MSB = 2;
export const EV_CURRENT = 1;

// Record sizes of ELF64.
export const ELF64_EHDR_SIZE = 64;
export const ELF64_PHDR_SIZE = 56;
export const ELF64_SHDR_SIZE = 64;
export const ELF64_SYM_SIZE = 24;
export const ELF64_REL_SIZE = 16;
export const ELF64_RELA_SIZE = 24;
export const ELF64_DYN_SIZE = 16;
export const ELF64_CHDR_SIZE = 24;

// e_type
export const ET_NONE = 0;
export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const ET_CORE = 4;

// e_machine (those named in full; others are read generically)
export const EM_NONE = 0;
export const EM_386 = 3;
export const EM_ARM = 40;
export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;
export const EM_RISCV = 243;

// Special section indexes
export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;
/** e_phnum escape: the real count is section 0's sh_info. */
export const PN_XNUM = 0xffff;

// sh_type
export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_HASH = 5;
export const SHT_DYNAMIC = 6;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_SHLIB = 10;
export const SHT_DYNSYM = 11;
export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;
export const SHT_PREINIT_ARRAY = 16;
export const SHT_GROUP = 17;
export const SHT_SYMTAB_SHNDX = 18;
export const SHT_RELR = 19;
export const SHT_LOOS = 0x60000000;
export const SHT_GNU_INCREMENTAL_INPUTS = 0x6fff4700;
export const SHT_GNU_ATTRIBUTES = 0x6ffffff5;
export const SHT_GNU_HASH = 0x6ffffff6;
export const SHT_GNU_LIBLIST = 0x6ffffff7;
export const SHT_CHECKSUM = 0x6ffffff8;
export const SHT_GNU_verdef = 0x6ffffffd;
export const SHT_GNU_verneed = 0x6ffffffe;
export const SHT_GNU_versym = 0x6fffffff;
export const SHT_LLVM_ODRTAB = 0x6fff4c00;
export const SHT_LLVM_LINKER_OPTIONS = 0x6fff4c01;
export const SHT_LLVM_ADDRSIG = 0x6fff4c03;
export const SHT_LLVM_DEPENDENT_LIBRARIES = 0x6fff4c04;
export const SHT_LLVM_SYMPART = 0x6fff4c05;
export const SHT_LLVM_PART_EHDR = 0x6fff4c06;
export const SHT_LLVM_PART_PHDR = 0x6fff4c07;
export const SHT_LLVM_BB_ADDR_MAP = 0x6fff4c0a;
export const SHT_LLVM_CALL_GRAPH_PROFILE = 0x6fff4c09;
export const SHT_LOPROC = 0x70000000;
export const SHT_X86_64_UNWIND = 0x70000001;
export const SHT_AARCH64_ATTRIBUTES = 0x70000003;
export const SHT_HIPROC = 0x7fffffff;
export const SHT_LOUSER = 0x80000000;
export const SHT_HIUSER = 0xffffffff;

// sh_flags
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
export const SHF_INFO_LINK = 0x40;
export const SHF_LINK_ORDER = 0x80;
export const SHF_OS_NONCONFORMING = 0x100;
export const SHF_GROUP = 0x200;
export const SHF_TLS = 0x400;
export const SHF_COMPRESSED = 0x800;
export const SHF_GNU_RETAIN = 0x200000;
export const SHF_GNU_MBIND = 0x01000000;
export const SHF_MASKOS = 0x0ff00000;
export const SHF_MASKPROC = 0xf0000000;
export const SHF_X86_64_LARGE = 0x10000000;
export const SHF_EXCLUDE = 0x80000000;

// Section groups
export const GRP_COMDAT = 0x1;

// Compressed sections (Elf64_Chdr ch_type)
export const ELFCOMPRESS_ZLIB = 1;
export const ELFCOMPRESS_ZSTD = 2;

// p_type
export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const PT_NOTE = 4;
export const PT_SHLIB = 5;
export const PT_PHDR = 6;
export const PT_TLS = 7;
export const PT_LOOS = 0x60000000;
export const PT_GNU_EH_FRAME = 0x6474e550;
export const PT_GNU_STACK = 0x6474e551;
export const PT_GNU_RELRO = 0x6474e552;
export const PT_GNU_PROPERTY = 0x6474e553;
export const PT_GNU_SFRAME = 0x6474e554;
export const PT_LOPROC = 0x70000000;
export const PT_AARCH64_MEMTAG_MTE = 0x70000002;
export const PT_HIPROC = 0x7fffffff;

// p_flags
export const PF_X = 0x1;
export const PF_W = 0x2;
export const PF_R = 0x4;

// Symbols: ELF64_ST_TYPE, ELF64_ST_BIND, ELF64_ST_VISIBILITY
export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const STT_COMMON = 5;
export const STT_TLS = 6;
export const STT_GNU_IFUNC = 10;
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;
export const STB_GNU_UNIQUE = 10;
export const STV_DEFAULT = 0;
export const STV_INTERNAL = 1;
export const STV_HIDDEN = 2;
export const STV_PROTECTED = 3;

// d_tag
export const DT_NULL = 0;
export const DT_NEEDED = 1;
export const DT_PLTRELSZ = 2;
export const DT_PLTGOT = 3;
export const DT_HASH = 4;
export const DT_STRTAB = 5;
export const DT_SYMTAB = 6;
export const DT_RELA = 7;
export const DT_RELASZ = 8;
export const DT_RELAENT = 9;
export const DT_STRSZ = 10;
export const DT_SYMENT = 11;
export const DT_INIT = 12;
export const DT_FINI = 13;
export const DT_SONAME = 14;
export const DT_RPATH = 15;
export const DT_SYMBOLIC = 16;
export const DT_REL = 17;
export const DT_RELSZ = 18;
export const DT_RELENT = 19;
export const DT_PLTREL = 20;
export const DT_DEBUG = 21;
export const DT_TEXTREL = 22;
export const DT_JMPREL = 23;
export const DT_BIND_NOW = 24;
export const DT_INIT_ARRAY = 25;
export const DT_FINI_ARRAY = 26;
export const DT_INIT_ARRAYSZ = 27;
export const DT_FINI_ARRAYSZ = 28;
export const DT_RUNPATH = 29;
export const DT_FLAGS = 30;
export const DT_PREINIT_ARRAY = 32;
export const DT_PREINIT_ARRAYSZ = 33;
export const DT_SYMTAB_SHNDX = 34;
export const DT_RELRSZ = 35;
export const DT_RELR = 36;
export const DT_RELRENT = 37;
export const DT_GNU_HASH = 0x6ffffef5;
export const DT_VERSYM = 0x6ffffff0;
export const DT_RELACOUNT = 0x6ffffff9;
export const DT_RELCOUNT = 0x6ffffffa;
export const DT_FLAGS_1 = 0x6ffffffb;
export const DT_VERDEF = 0x6ffffffc;
export const DT_VERDEFNUM = 0x6ffffffd;
export const DT_VERNEED = 0x6ffffffe;
export const DT_VERNEEDNUM = 0x6fffffff;

// Note types of the "GNU" owner
export const NT_GNU_ABI_TAG = 1;
export const NT_GNU_HWCAP = 2;
export const NT_GNU_BUILD_ID = 3;
export const NT_GNU_GOLD_VERSION = 4;
export const NT_GNU_PROPERTY_TYPE_0 = 5;

/** Range markers share values with real names; `nameOf` never answers with them. */
const MARKER = /_(LO|HI)(OS|PROC|USER|RESERVE)$/;

const tables = new Map<string, Map<number, string>>();

/**
 * The specification name of `value` among the constants whose names start with `prefix`
 * ("SHT_", "R_X86_64_", ...), or undefined.
 */
export function nameOf(prefix: string, value: number): string | undefined {
  let table = tables.get(prefix);
  if (!table) {
    table = new Map();
    // The module namespace lists this file's own exports.
    for (const [name, v] of Object.entries(self)) {
      if (name.startsWith(prefix) && typeof v === 'number' && !MARKER.test(name) && !table.has(v)) table.set(v, name);
    }
    tables.set(prefix, table);
  }
  return table.get(value);
}
