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
export const ELFOSABI_NONE = 0;
export const ELFOSABI_GNU = 3;
export const ELFOSABI_FREEBSD = 9;
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
export const PT_AARCH64_ARCHEXT = 0x70000000;
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
/** DT_FLAGS: the object's TLS must be in the static TLS area (initial- or local-exec code). */
export const DF_STATIC_TLS = 0x10;
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

// x86-64 relocation types (x86-64 psABI; names as binutils spells them)
export const R_X86_64_NONE = 0;
export const R_X86_64_64 = 1;
export const R_X86_64_PC32 = 2;
export const R_X86_64_GOT32 = 3;
export const R_X86_64_PLT32 = 4;
export const R_X86_64_COPY = 5;
export const R_X86_64_GLOB_DAT = 6;
export const R_X86_64_JUMP_SLOT = 7;
export const R_X86_64_RELATIVE = 8;
export const R_X86_64_GOTPCREL = 9;
export const R_X86_64_32 = 10;
export const R_X86_64_32S = 11;
export const R_X86_64_16 = 12;
export const R_X86_64_PC16 = 13;
export const R_X86_64_8 = 14;
export const R_X86_64_PC8 = 15;
export const R_X86_64_DTPMOD64 = 16;
export const R_X86_64_DTPOFF64 = 17;
export const R_X86_64_TPOFF64 = 18;
export const R_X86_64_TLSGD = 19;
export const R_X86_64_TLSLD = 20;
export const R_X86_64_DTPOFF32 = 21;
export const R_X86_64_GOTTPOFF = 22;
export const R_X86_64_TPOFF32 = 23;
export const R_X86_64_PC64 = 24;
export const R_X86_64_GOTOFF64 = 25;
export const R_X86_64_GOTPC32 = 26;
export const R_X86_64_GOT64 = 27;
export const R_X86_64_GOTPCREL64 = 28;
export const R_X86_64_GOTPC64 = 29;
export const R_X86_64_GOTPLT64 = 30;
export const R_X86_64_PLTOFF64 = 31;
export const R_X86_64_SIZE32 = 32;
export const R_X86_64_SIZE64 = 33;
export const R_X86_64_GOTPC32_TLSDESC = 34;
export const R_X86_64_TLSDESC_CALL = 35;
export const R_X86_64_TLSDESC = 36;
export const R_X86_64_IRELATIVE = 37;
export const R_X86_64_RELATIVE64 = 38;
export const R_X86_64_PC32_BND = 39;
export const R_X86_64_PLT32_BND = 40;
export const R_X86_64_GOTPCRELX = 41;
export const R_X86_64_REX_GOTPCRELX = 42;
export const R_X86_64_CODE_4_GOTPCRELX = 43;
export const R_X86_64_CODE_4_GOTTPOFF = 44;
export const R_X86_64_CODE_4_GOTPC32_TLSDESC = 45;
export const R_X86_64_CODE_5_GOTPCRELX = 46;
export const R_X86_64_CODE_5_GOTTPOFF = 47;
export const R_X86_64_CODE_5_GOTPC32_TLSDESC = 48;
export const R_X86_64_CODE_6_GOTPCRELX = 49;
export const R_X86_64_CODE_6_GOTTPOFF = 50;
export const R_X86_64_CODE_6_GOTPC32_TLSDESC = 51;
export const R_X86_64_GNU_VTINHERIT = 250;
export const R_X86_64_GNU_VTENTRY = 251;

// AArch64 relocation types (ELF for the Arm 64-bit Architecture; the P32_ ones are ILP32's)
export const R_AARCH64_NONE = 0;
export const R_AARCH64_P32_ABS32 = 1;
export const R_AARCH64_P32_ABS16 = 2;
export const R_AARCH64_P32_PREL32 = 3;
export const R_AARCH64_P32_PREL16 = 4;
export const R_AARCH64_P32_MOVW_UABS_G0 = 5;
export const R_AARCH64_P32_MOVW_UABS_G0_NC = 6;
export const R_AARCH64_P32_MOVW_UABS_G1 = 7;
export const R_AARCH64_P32_MOVW_SABS_G0 = 8;
export const R_AARCH64_P32_LD_PREL_LO19 = 9;
export const R_AARCH64_P32_ADR_PREL_LO21 = 10;
export const R_AARCH64_P32_ADR_PREL_PG_HI21 = 11;
export const R_AARCH64_P32_ADD_ABS_LO12_NC = 12;
export const R_AARCH64_P32_LDST8_ABS_LO12_NC = 13;
export const R_AARCH64_P32_LDST16_ABS_LO12_NC = 14;
export const R_AARCH64_P32_LDST32_ABS_LO12_NC = 15;
export const R_AARCH64_P32_LDST64_ABS_LO12_NC = 16;
export const R_AARCH64_P32_LDST128_ABS_LO12_NC = 17;
export const R_AARCH64_P32_TSTBR14 = 18;
export const R_AARCH64_P32_CONDBR19 = 19;
export const R_AARCH64_P32_JUMP26 = 20;
export const R_AARCH64_P32_CALL26 = 21;
export const R_AARCH64_P32_MOVW_PREL_G0 = 22;
export const R_AARCH64_P32_MOVW_PREL_G0_NC = 23;
export const R_AARCH64_P32_MOVW_PREL_G1 = 24;
export const R_AARCH64_P32_GOT_LD_PREL19 = 25;
export const R_AARCH64_P32_ADR_GOT_PAGE = 26;
export const R_AARCH64_P32_LD32_GOT_LO12_NC = 27;
export const R_AARCH64_P32_LD32_GOTPAGE_LO14 = 28;
export const R_AARCH64_P32_TLSGD_ADR_PREL21 = 80;
export const R_AARCH64_P32_TLSGD_ADR_PAGE21 = 81;
export const R_AARCH64_P32_TLSGD_ADD_LO12_NC = 82;
export const R_AARCH64_P32_TLSLD_ADR_PREL21 = 83;
export const R_AARCH64_P32_TLSLD_ADR_PAGE21 = 84;
export const R_AARCH64_P32_TLSLD_ADD_LO12_NC = 85;
export const R_AARCH64_P32_TLSLD_MOVW_DTPREL_G1 = 87;
export const R_AARCH64_P32_TLSLD_MOVW_DTPREL_G0 = 88;
export const R_AARCH64_P32_TLSLD_MOVW_DTPREL_G0_NC = 89;
export const R_AARCH64_P32_TLSLD_ADD_DTPREL_HI12 = 90;
export const R_AARCH64_P32_TLSLD_ADD_DTPREL_LO12 = 91;
export const R_AARCH64_P32_TLSLD_ADD_DTPREL_LO12_NC = 92;
export const R_AARCH64_P32_TLSIE_ADR_GOTTPREL_PAGE21 = 103;
export const R_AARCH64_P32_TLSIE_LD32_GOTTPREL_LO12_NC = 104;
export const R_AARCH64_P32_TLSIE_LD_GOTTPREL_PREL19 = 105;
export const R_AARCH64_P32_TLSLE_MOVW_TPREL_G1 = 106;
export const R_AARCH64_P32_TLSLE_MOVW_TPREL_G0 = 107;
export const R_AARCH64_P32_TLSLE_MOVW_TPREL_G0_NC = 108;
export const R_AARCH64_P32_TLSLE_ADD_TPREL_HI12 = 109;
export const R_AARCH64_P32_TLSLE_ADD_TPREL_LO12 = 110;
export const R_AARCH64_P32_TLSLE_ADD_TPREL_LO12_NC = 111;
export const R_AARCH64_P32_TLSLE_LDST8_TPREL_LO12 = 112;
export const R_AARCH64_P32_TLSLE_LDST8_TPREL_LO12_NC = 113;
export const R_AARCH64_P32_TLSLE_LDST16_TPREL_LO12 = 114;
export const R_AARCH64_P32_TLSLE_LDST16_TPREL_LO12_NC = 115;
export const R_AARCH64_P32_TLSLE_LDST32_TPREL_LO12 = 116;
export const R_AARCH64_P32_TLSLE_LDST32_TPREL_LO12_NC = 117;
export const R_AARCH64_P32_TLSLE_LDST64_TPREL_LO12 = 118;
export const R_AARCH64_P32_TLSLE_LDST64_TPREL_LO12_NC = 119;
export const R_AARCH64_P32_TLSDESC_LD_PREL19 = 122;
export const R_AARCH64_P32_TLSDESC_ADR_PREL21 = 123;
export const R_AARCH64_P32_TLSDESC_ADR_PAGE21 = 124;
export const R_AARCH64_P32_TLSDESC_LD32_LO12_NC = 125;
export const R_AARCH64_P32_TLSDESC_ADD_LO12_NC = 126;
export const R_AARCH64_P32_TLSDESC_CALL = 127;
export const R_AARCH64_P32_COPY = 180;
export const R_AARCH64_P32_GLOB_DAT = 181;
export const R_AARCH64_P32_JUMP_SLOT = 182;
export const R_AARCH64_P32_RELATIVE = 183;
export const R_AARCH64_P32_TLS_DTPMOD = 184;
export const R_AARCH64_P32_TLS_DTPREL = 185;
export const R_AARCH64_P32_TLS_TPREL = 186;
export const R_AARCH64_P32_TLSDESC = 187;
export const R_AARCH64_P32_IRELATIVE = 188;
export const R_AARCH64_NULL = 256;
export const R_AARCH64_ABS64 = 257;
export const R_AARCH64_ABS32 = 258;
export const R_AARCH64_ABS16 = 259;
export const R_AARCH64_PREL64 = 260;
export const R_AARCH64_PREL32 = 261;
export const R_AARCH64_PREL16 = 262;
export const R_AARCH64_MOVW_UABS_G0 = 263;
export const R_AARCH64_MOVW_UABS_G0_NC = 264;
export const R_AARCH64_MOVW_UABS_G1 = 265;
export const R_AARCH64_MOVW_UABS_G1_NC = 266;
export const R_AARCH64_MOVW_UABS_G2 = 267;
export const R_AARCH64_MOVW_UABS_G2_NC = 268;
export const R_AARCH64_MOVW_UABS_G3 = 269;
export const R_AARCH64_MOVW_SABS_G0 = 270;
export const R_AARCH64_MOVW_SABS_G1 = 271;
export const R_AARCH64_MOVW_SABS_G2 = 272;
export const R_AARCH64_LD_PREL_LO19 = 273;
export const R_AARCH64_ADR_PREL_LO21 = 274;
export const R_AARCH64_ADR_PREL_PG_HI21 = 275;
export const R_AARCH64_ADR_PREL_PG_HI21_NC = 276;
export const R_AARCH64_ADD_ABS_LO12_NC = 277;
export const R_AARCH64_LDST8_ABS_LO12_NC = 278;
export const R_AARCH64_TSTBR14 = 279;
export const R_AARCH64_CONDBR19 = 280;
export const R_AARCH64_JUMP26 = 282;
export const R_AARCH64_CALL26 = 283;
export const R_AARCH64_LDST16_ABS_LO12_NC = 284;
export const R_AARCH64_LDST32_ABS_LO12_NC = 285;
export const R_AARCH64_LDST64_ABS_LO12_NC = 286;
export const R_AARCH64_MOVW_PREL_G0 = 287;
export const R_AARCH64_MOVW_PREL_G0_NC = 288;
export const R_AARCH64_MOVW_PREL_G1 = 289;
export const R_AARCH64_MOVW_PREL_G1_NC = 290;
export const R_AARCH64_MOVW_PREL_G2 = 291;
export const R_AARCH64_MOVW_PREL_G2_NC = 292;
export const R_AARCH64_MOVW_PREL_G3 = 293;
export const R_AARCH64_LDST128_ABS_LO12_NC = 299;
export const R_AARCH64_MOVW_GOTOFF_G0 = 300;
export const R_AARCH64_MOVW_GOTOFF_G0_NC = 301;
export const R_AARCH64_MOVW_GOTOFF_G1 = 302;
export const R_AARCH64_MOVW_GOTOFF_G1_NC = 303;
export const R_AARCH64_MOVW_GOTOFF_G2 = 304;
export const R_AARCH64_MOVW_GOTOFF_G2_NC = 305;
export const R_AARCH64_MOVW_GOTOFF_G3 = 306;
export const R_AARCH64_GOTREL64 = 307;
export const R_AARCH64_GOTREL32 = 308;
export const R_AARCH64_GOT_LD_PREL19 = 309;
export const R_AARCH64_LD64_GOTOFF_LO15 = 310;
export const R_AARCH64_ADR_GOT_PAGE = 311;
export const R_AARCH64_LD64_GOT_LO12_NC = 312;
export const R_AARCH64_LD64_GOTPAGE_LO15 = 313;
export const R_AARCH64_TLSGD_ADR_PREL21 = 512;
export const R_AARCH64_TLSGD_ADR_PAGE21 = 513;
export const R_AARCH64_TLSGD_ADD_LO12_NC = 514;
export const R_AARCH64_TLSGD_MOVW_G1 = 515;
export const R_AARCH64_TLSGD_MOVW_G0_NC = 516;
export const R_AARCH64_TLSLD_ADR_PREL21 = 517;
export const R_AARCH64_TLSLD_ADR_PAGE21 = 518;
export const R_AARCH64_TLSLD_ADD_LO12_NC = 519;
export const R_AARCH64_TLSLD_MOVW_G1 = 520;
export const R_AARCH64_TLSLD_MOVW_G0_NC = 521;
export const R_AARCH64_TLSLD_LD_PREL19 = 522;
export const R_AARCH64_TLSLD_MOVW_DTPREL_G2 = 523;
export const R_AARCH64_TLSLD_MOVW_DTPREL_G1 = 524;
export const R_AARCH64_TLSLD_MOVW_DTPREL_G1_NC = 525;
export const R_AARCH64_TLSLD_MOVW_DTPREL_G0 = 526;
export const R_AARCH64_TLSLD_MOVW_DTPREL_G0_NC = 527;
export const R_AARCH64_TLSLD_ADD_DTPREL_HI12 = 528;
export const R_AARCH64_TLSLD_ADD_DTPREL_LO12 = 529;
export const R_AARCH64_TLSLD_ADD_DTPREL_LO12_NC = 530;
export const R_AARCH64_TLSLD_LDST8_DTPREL_LO12 = 531;
export const R_AARCH64_TLSLD_LDST8_DTPREL_LO12_NC = 532;
export const R_AARCH64_TLSLD_LDST16_DTPREL_LO12 = 533;
export const R_AARCH64_TLSLD_LDST16_DTPREL_LO12_NC = 534;
export const R_AARCH64_TLSLD_LDST32_DTPREL_LO12 = 535;
export const R_AARCH64_TLSLD_LDST32_DTPREL_LO12_NC = 536;
export const R_AARCH64_TLSLD_LDST64_DTPREL_LO12 = 537;
export const R_AARCH64_TLSLD_LDST64_DTPREL_LO12_NC = 538;
export const R_AARCH64_TLSIE_MOVW_GOTTPREL_G1 = 539;
export const R_AARCH64_TLSIE_MOVW_GOTTPREL_G0_NC = 540;
export const R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21 = 541;
export const R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC = 542;
export const R_AARCH64_TLSIE_LD_GOTTPREL_PREL19 = 543;
export const R_AARCH64_TLSLE_MOVW_TPREL_G2 = 544;
export const R_AARCH64_TLSLE_MOVW_TPREL_G1 = 545;
export const R_AARCH64_TLSLE_MOVW_TPREL_G1_NC = 546;
export const R_AARCH64_TLSLE_MOVW_TPREL_G0 = 547;
export const R_AARCH64_TLSLE_MOVW_TPREL_G0_NC = 548;
export const R_AARCH64_TLSLE_ADD_TPREL_HI12 = 549;
export const R_AARCH64_TLSLE_ADD_TPREL_LO12 = 550;
export const R_AARCH64_TLSLE_ADD_TPREL_LO12_NC = 551;
export const R_AARCH64_TLSLE_LDST8_TPREL_LO12 = 552;
export const R_AARCH64_TLSLE_LDST8_TPREL_LO12_NC = 553;
export const R_AARCH64_TLSLE_LDST16_TPREL_LO12 = 554;
export const R_AARCH64_TLSLE_LDST16_TPREL_LO12_NC = 555;
export const R_AARCH64_TLSLE_LDST32_TPREL_LO12 = 556;
export const R_AARCH64_TLSLE_LDST32_TPREL_LO12_NC = 557;
export const R_AARCH64_TLSLE_LDST64_TPREL_LO12 = 558;
export const R_AARCH64_TLSLE_LDST64_TPREL_LO12_NC = 559;
export const R_AARCH64_TLSDESC_LD_PREL19 = 560;
export const R_AARCH64_TLSDESC_ADR_PREL21 = 561;
export const R_AARCH64_TLSDESC_ADR_PAGE21 = 562;
export const R_AARCH64_TLSDESC_LD64_LO12 = 563;
export const R_AARCH64_TLSDESC_ADD_LO12 = 564;
export const R_AARCH64_TLSDESC_OFF_G1 = 565;
export const R_AARCH64_TLSDESC_OFF_G0_NC = 566;
export const R_AARCH64_TLSDESC_LDR = 567;
export const R_AARCH64_TLSDESC_ADD = 568;
export const R_AARCH64_TLSDESC_CALL = 569;
export const R_AARCH64_TLSLE_LDST128_TPREL_LO12 = 570;
export const R_AARCH64_TLSLE_LDST128_TPREL_LO12_NC = 571;
export const R_AARCH64_TLSLD_LDST128_DTPREL_LO12 = 572;
export const R_AARCH64_TLSLD_LDST128_DTPREL_LO12_NC = 573;
export const R_AARCH64_COPY = 1024;
export const R_AARCH64_GLOB_DAT = 1025;
export const R_AARCH64_JUMP_SLOT = 1026;
export const R_AARCH64_RELATIVE = 1027;
export const R_AARCH64_TLS_DTPMOD64 = 1028;
export const R_AARCH64_TLS_DTPREL64 = 1029;
export const R_AARCH64_TLS_TPREL64 = 1030;
export const R_AARCH64_TLSDESC = 1031;
export const R_AARCH64_IRELATIVE = 1032;

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
