/**
 * ELF records in the words GNU readelf (binutils 2.40) uses for them, kept apart from the
 * parsing: section and segment types, section flag letters, symbol type, binding, visibility
 * and section index, relocation type names. Numbers no name fits are spelled as readelf
 * spells them ("LOOS+0x3", "<unknown>: 7", "unrecognized: 2b").
 */
import {
  ELFOSABI_FREEBSD, ELFOSABI_GNU, ELFOSABI_NONE,
  EM_386, EM_AARCH64, EM_ARM, EM_NONE, EM_RISCV, EM_X86_64, nameOf, PF_R, PF_W, PF_X, SHF_COMPRESSED,
  SHF_EXCLUDE, SHF_GNU_MBIND, SHF_GNU_RETAIN, SHF_GROUP, SHF_INFO_LINK, SHF_LINK_ORDER, SHF_MASKOS,
  SHF_MASKPROC, SHF_MERGE, SHF_OS_NONCONFORMING, SHF_STRINGS, SHF_TLS, SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR,
  SHF_X86_64_LARGE, SHN_ABS, SHN_COMMON, SHN_LORESERVE, SHN_UNDEF, STB_GNU_UNIQUE, STT_GNU_IFUNC,
  STT_SECTION,
} from './consts.js';
import type { ElfHeader, ElfSection, ElfSymbol } from './types.js';

/** A 64-bit value as a JSON-safe hex string: "0x1f", "-0x4". */
export function hex(n: number | bigint): string {
  return n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
}

/** Names and numbers of readelf's header lines. */
const OSABI_NAMES: Record<number, string> = {
  0: 'UNIX - System V', 1: 'UNIX - HP-UX', 2: 'UNIX - NetBSD', 3: 'UNIX - GNU', 6: 'UNIX - Solaris',
  7: 'UNIX - AIX', 8: 'UNIX - IRIX', 9: 'UNIX - FreeBSD', 10: 'UNIX - TRU64', 12: 'UNIX - OpenBSD',
  97: 'ARM', 255: 'Standalone App',
};
const MACHINE_NAMES: Record<number, string> = {
  [EM_NONE]: 'None', [EM_386]: 'Intel 80386', [EM_ARM]: 'ARM', [EM_X86_64]: 'Advanced Micro Devices X86-64',
  [EM_AARCH64]: 'AArch64', [EM_RISCV]: 'RISC-V',
};
const FILE_TYPES: Record<number, string> = {
  0: 'NONE (None)', 1: 'REL (Relocatable file)', 2: 'EXEC (Executable file)', 3: 'DYN (Shared object file)', 4: 'CORE (Core file)',
};

export function osabiName(osabi: number): string {
  return OSABI_NAMES[osabi] ?? `<unknown: ${osabi.toString(16)}>`;
}

export function machineName(machine: number): string {
  return MACHINE_NAMES[machine] ?? `<unknown>: 0x${machine.toString(16)}`;
}

export function fileTypeName(type: number): string {
  return FILE_TYPES[type] ?? `<unknown>: ${type.toString(16)}`;
}

/** The short form of a file type, as `--json` gives it: "REL", "DYN", ... */
export function fileTypeShort(type: number): string {
  return FILE_TYPES[type]?.split(' ')[0] ?? fileTypeName(type);
}

/** Processor-specific names apply only to their machine: the prefix of each. */
const MACHINE_PREFIX: Record<number, string> = { [EM_X86_64]: 'X86_64_', [EM_AARCH64]: 'AARCH64_' };

/** Where readelf's spelling is not the constant's name without its prefix. */
const SECTION_TYPE_SPELLING: Record<number, string> = {
  18: 'SYMTAB SECTION INDICES',
  0x6ffffff0: 'VERSYM',
  0x6ffffffc: 'VERDEF',
  0x6ffffffd: 'VERDEF',
  0x6ffffffe: 'VERNEED',
  0x6fffffff: 'VERSYM',
  0x7ffffffd: 'AUXILIARY',
  0x7fffffff: 'FILTER',
};

/** A name from consts.ts without its prefix, for processor-specific values only on their machine. */
function specName(prefix: string, value: number, machine: number, loproc: number, hiproc: number): string | undefined {
  const name = nameOf(prefix, value)?.slice(prefix.length);
  if (name === undefined || value < loproc || value > hiproc) return name;
  const own = MACHINE_PREFIX[machine];
  return own !== undefined && name.startsWith(own) ? name : undefined;
}

/** A value in an OS, processor or user range, as readelf writes it: "LOOS+0x3", "LOPROC+0". */
function rangeSpelling(value: number, ranges: [string, number, number][]): string | undefined {
  for (const [label, lo, hi] of ranges) {
    if (value >= lo && value <= hi) return `${label}+${value === lo ? '0' : hex(value - lo)}`;
  }
  return undefined;
}

export function sectionTypeName(type: number, machine: number): string {
  return SECTION_TYPE_SPELLING[type]
    ?? specName('SHT_', type, machine, 0x70000000, 0x7fffffff)
    ?? rangeSpelling(type, [['LOOS', 0x60000000, 0x6fffffff], ['LOPROC', 0x70000000, 0x7fffffff], ['LOUSER', 0x80000000, 0xffffffff]])
    ?? `${type.toString(16).padStart(8, '0')}: <unknown>`;
}

/** Whether GNU extensions (SHF_GNU_RETAIN, STT_GNU_IFUNC, STB_GNU_UNIQUE) get their names: GNU and FreeBSD files. */
export function gnuExtensions(header: Pick<ElfHeader, 'ei_osabi'>): boolean {
  return header.ei_osabi === ELFOSABI_GNU || header.ei_osabi === ELFOSABI_FREEBSD;
}

/** Letters of flags readelf always names, by bit. */
const FLAG_LETTERS: [number, string][] = [
  [SHF_WRITE, 'W'], [SHF_ALLOC, 'A'], [SHF_EXECINSTR, 'X'], [SHF_MERGE, 'M'], [SHF_STRINGS, 'S'],
  [SHF_INFO_LINK, 'I'], [SHF_LINK_ORDER, 'L'], [SHF_OS_NONCONFORMING, 'O'], [SHF_GROUP, 'G'], [SHF_TLS, 'T'],
  [SHF_COMPRESSED, 'C'], [SHF_EXCLUDE, 'E'],
];

/**
 * sh_flags as the letters of `readelf -SW`'s Flg column, lowest bit first. Like readelf, an
 * OS-specific bit prints one 'o' and a processor-specific bit one 'p' for the whole range;
 * and (a readelf quirk kept so that outputs compare equal) either one also drops every bit
 * above 31.
 */
export function sectionFlagLetters(flags: bigint, header: Pick<ElfHeader, 'e_machine' | 'ei_osabi'>): string {
  const gnu = gnuExtensions(header);
  let rest = flags;
  let out = '';
  while (rest !== 0n) {
    const bit = rest & -rest;
    rest &= ~bit;
    const flag = Number(bit);
    const letter = FLAG_LETTERS.find(([f]) => f === flag)?.[1];
    if (letter) out += letter;
    else if (flag === SHF_GNU_MBIND && (gnu || header.ei_osabi === ELFOSABI_NONE)) out += 'D';
    else if (flag === SHF_GNU_RETAIN && gnu) out += 'R';
    else if (flag === SHF_X86_64_LARGE && header.e_machine === EM_X86_64) out += 'l';
    else if (flag & SHF_MASKOS) {
      out += 'o';
      rest &= BigInt(~SHF_MASKOS >>> 0);
    } else if (flag & SHF_MASKPROC) {
      out += 'p';
      rest &= BigInt(~SHF_MASKPROC >>> 0);
    } else out += 'x';
  }
  return out;
}

/** Segment types readelf names outside consts.ts (other systems' extensions). */
const SEGMENT_TYPE_SPELLING: Record<number, string> = {
  0x65a3dbe6: 'OPENBSD_RANDOM',
  0x65a3dbe7: 'OPENBSD_WXNEED',
  0x65a41be6: 'OPENBSD_BOOTDATA',
};
const PT_GNU_MBIND_LO = 0x6474e555;
const PT_GNU_MBIND_HI = PT_GNU_MBIND_LO + 4095;

export function segmentTypeName(type: number, machine: number): string {
  return SEGMENT_TYPE_SPELLING[type]
    ?? specName('PT_', type, machine, 0x70000000, 0x7fffffff)
    ?? rangeSpelling(type, [['GNU_MBIND', PT_GNU_MBIND_LO, PT_GNU_MBIND_HI], ['LOPROC', 0x70000000, 0x7fffffff], ['LOOS', 0x60000000, 0x6fffffff]])
    ?? `<unknown>: ${type.toString(16)}`;
}

/** p_flags as readelf's Flg column: "R E", "RW ". */
export function segmentFlags(flags: number): string {
  return `${flags & PF_R ? 'R' : ' '}${flags & PF_W ? 'W' : ' '}${flags & PF_X ? 'E' : ' '}`;
}


/** An st_info nibble outside the named values, as readelf writes it. */
function symbolRange(value: number): string {
  if (value >= 13) return `<processor specific>: ${value}`;
  if (value >= 10) return `<OS specific>: ${value}`;
  return `<unknown>: ${value}`;
}

/** STT_RELC and STT_SRELC: binutils' complex relocations, which readelf names. */
const SYMBOL_TYPE_SPELLING: Record<number, string> = { 8: 'RELC', 9: 'SRELC' };

export function symbolTypeName(type: number, header: Pick<ElfHeader, 'ei_osabi'>): string {
  if (type === STT_GNU_IFUNC && gnuExtensions(header)) return 'IFUNC';
  if (type < 10) return SYMBOL_TYPE_SPELLING[type] ?? nameOf('STT_', type)?.slice(4) ?? symbolRange(type);
  return symbolRange(type);
}

export function symbolBindName(bind: number, header: Pick<ElfHeader, 'ei_osabi'>): string {
  if (bind === STB_GNU_UNIQUE && gnuExtensions(header)) return 'UNIQUE';
  if (bind < 10) return nameOf('STB_', bind)?.slice(4) ?? symbolRange(bind);
  return symbolRange(bind);
}

/** STO_AARCH64_VARIANT_PCS: the symbol follows a variant procedure call standard. */
const STO_AARCH64_VARIANT_PCS = 0x80;

/** Visibility, followed like readelf by the other st_other bits in brackets when set. */
export function symbolVisibility(st_other: number, header: Pick<ElfHeader, 'e_machine'>): string {
  const other = symbolOther(st_other, header);
  return other === undefined ? symbolVisibilityName(st_other) : `${symbolVisibilityName(st_other)} [${other}]`;
}

export function symbolVisibilityName(st_other: number): string {
  return nameOf('STV_', st_other & 3)!.slice(4);
}

/** The st_other bits besides visibility as readelf names them, or undefined when none is set. */
export function symbolOther(st_other: number, header: Pick<ElfHeader, 'e_machine'>): string | undefined {
  const other = st_other & ~3;
  if (other === 0) return undefined;
  if (header.e_machine === EM_AARCH64 && other & STO_AARCH64_VARIANT_PCS) {
    const left = other & ~STO_AARCH64_VARIANT_PCS;
    return `VARIANT_PCS${left ? ` | ${left.toString(16)}` : ''}`;
  }
  return `<other>: ${other.toString(16)}`;
}

const SHN_X86_64_LCOMMON = 0xff02;

/** st_shndx: the section index, or readelf's word for a special one ("UND", "ABS", "COM"...). */
export function symbolShndx(sym: Pick<ElfSymbol, 'st_shndx' | 'xindex'>, header: Pick<ElfHeader, 'e_machine' | 'e_shnum'>): number | string {
  const shndx = sym.st_shndx;
  if (sym.xindex) return shndx < header.e_shnum ? shndx : `bad section index[${shndx}]`;
  if (shndx === SHN_UNDEF) return 'UND';
  if (shndx === SHN_ABS) return 'ABS';
  if (shndx === SHN_COMMON) return 'COM';
  if (shndx === SHN_X86_64_LCOMMON && header.e_machine === EM_X86_64) return 'LARGE_COM';
  if (shndx >= SHN_LORESERVE && shndx <= 0xffff) {
    const label = shndx <= 0xff1f ? 'PRC' : shndx <= 0xff3f ? 'OS ' : 'RSV';
    return `${label}[0x${shndx.toString(16).padStart(4, '0')}]`;
  }
  if (shndx >= header.e_shnum) return `bad section index[${shndx}]`;
  return shndx;
}

/** The name readelf shows for a symbol: a nameless section symbol takes its section's name. */
export function symbolDisplayName(sym: ElfSymbol, sections: readonly ElfSection[]): string {
  if (sym.type === STT_SECTION && sym.st_name === 0 && sym.st_shndx < sections.length) {
    return sections[sym.st_shndx]!.name;
  }
  return sym.name;
}

const RELOCATION_PREFIX: Record<number, string> = { [EM_X86_64]: 'R_X86_64_', [EM_AARCH64]: 'R_AARCH64_' };

/** A relocation type's name for the file's machine, or readelf's "unrecognized: 2b". */
export function relocationTypeName(type: number, machine: number): string {
  const prefix = RELOCATION_PREFIX[machine];
  return (prefix !== undefined ? nameOf(prefix, type) : undefined) ?? `unrecognized: ${type.toString(16)}`;
}
