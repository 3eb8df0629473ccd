/**
 * The link graph of one relocatable object: its loadable and debug sections, its symbols and
 * its relocations as edges (section, offset, type, target symbol, addend), architecture
 * neutral, read from an ElfFile. Later passes fill in addresses; this one only describes.
 */
import {
  EM_X86_64, ET_REL, GRP_COMDAT, SHF_ALLOC, SHF_EXCLUDE, SHF_EXECINSTR, SHF_WRITE, SHN_ABS,
  SHN_COMMON, SHN_LORESERVE, SHN_UNDEF, SHT_FINI_ARRAY, SHT_GROUP, SHT_INIT_ARRAY, SHT_NOBITS, SHT_NOTE,
  SHF_TLS, SHT_PREINIT_ARRAY, SHT_PROGBITS, SHT_RELA, SHT_SYMTAB, SHT_X86_64_UNWIND, STB_LOCAL, STT_FILE, STT_SECTION,
} from '../elf/consts.js';
import { ElfFile } from '../elf/read.js';
import type { ElfSection, ElfSymbol, RelocationTable } from '../elf/types.js';
import type { SegmentKind } from '../memory/types.js';
import { LinkError } from './errors.js';

/**
 * Where a section goes: a segment of target memory, the module's thread-local storage block
 * (SHF_TLS: .tdata, .tbss), or kept aside (non-allocated debug data).
 */
export type SectionPlacement = SegmentKind | 'tls' | 'debug';

/** Whether a placement is a segment of the module's allocation (not its TLS block, not debug data). */
export function inSegment(p: SectionPlacement): p is SegmentKind {
  return p !== 'debug' && p !== 'tls';
}

/** Whether a section is part of the running program (in a segment or the TLS block), not debug data only. */
export function isLoaded(s: GraphSection | undefined): boolean {
  return s !== undefined && s.placement !== 'debug';
}

export interface GraphSection {
  index: number;
  name: string;
  sh_type: number;
  placement: SectionPlacement;
  size: number;
  align: number;
  /** The bytes (decompressed); undefined for SHT_NOBITS. A view of the caller's bytes: never written. */
  content: Uint8Array | undefined;
  /** Relocations whose fixups land in this section, and the relocation section's name. */
  relocations: RelocationTable;
  relocationSection: string;
  /** Dropped because its COMDAT group was loaded already. */
  discarded: boolean;
  /** Of a discarded section: the loaded copy of the same name and size, which DWARF relocations against it resolve into. */
  kept?: KeptCopy;
  /** Target address, set by layout; for TLS sections the offset in the module's TLS block, for debug sections the offset in the module's section of that name. */
  address: number;
}

/** A section of an earlier object of the batch (its address is known after layout), or at an address of the session. */
export type KeptCopy = { graph: number; section: number } | { address: number };

export interface GraphSymbol {
  index: number;
  name: string;
  bind: number;
  type: number;
  st_shndx: number;
  value: number;
  size: number;
}

export interface ComdatGroup {
  signature: string;
  members: number[];
}

export interface ObjectGraph {
  /** The object's name, for messages (a file name). */
  name: string;
  /** Indexed by section index; undefined for sections that are not loaded or kept. */
  sections: (GraphSection | undefined)[];
  symbols: GraphSymbol[];
  groups: ComdatGroup[];
}

const NO_RELOCATIONS: RelocationTable = { length: 0, r_offset: new Float64Array(0), sym: new Uint32Array(0), type: new Uint32Array(0), r_addend: new Float64Array(0) };

/** A number that names relocation `i` of section `s` within its object: the key of maps about single relocations. */
export function relocationKey(s: GraphSection, i: number): number {
  return s.index * 2 ** 32 + i;
}

const LTO_ONLY = 'holds only LTO bytecode; compile with -fno-lto';

/** LLVM bitcode (clang -flto): the raw magic 'BC' 0xC0DE, or the wrapper's 0x0B17C0DE. */
function isBitcode(b: Uint8Array): boolean {
  return b.length >= 4 && ((b[0] === 0x42 && b[1] === 0x43 && b[2] === 0xc0 && b[3] === 0xde) || (b[0] === 0xde && b[1] === 0xc0 && b[2] === 0x17 && b[3] === 0x0b));
}

/** Reads an x86-64 ET_REL object into a graph. A corrupt file throws FormatError; a file that is not a relocatable x86-64 object, LinkError. */
export function buildGraph(bytes: Uint8Array, name: string): ObjectGraph {
  if (isBitcode(bytes)) throw new LinkError(LTO_ONLY, { file: name });
  const elf = ElfFile.read(bytes, name);
  if (elf.header.e_type !== ET_REL) throw new LinkError(`not a relocatable object (e_type ${elf.header.e_type})`, { file: name });
  if (elf.header.e_machine !== EM_X86_64) throw new LinkError(`not an x86-64 object (e_machine ${elf.header.e_machine})`, { file: name });

  const sections: (GraphSection | undefined)[] = elf.sections.map((s) => graphSection(elf, s));
  for (const rs of elf.relocationSections) {
    const target = sections[rs.sh_info];
    if (!target) continue; // relocations for a section that is neither loaded nor kept
    if (rs.sh_type !== SHT_RELA) throw new LinkError('SHT_REL relocations are not used on x86-64', { file: name, section: rs.name });
    target.relocations = elf.relocationTable(rs);
    target.relocationSection = rs.name;
  }

  const tables = elf.symbolTables.filter((t) => t.sh_type === SHT_SYMTAB);
  const symbols = tables.length ? elf.symbols(tables[0]!).map((s) => graphSymbol(s, name)) : [];
  // gcc -flto without -ffat-lto-objects: GIMPLE in .gnu.lto_* sections and no machine code.
  if (symbols.some((s) => s.name === '__gnu_lto_slim')) throw new LinkError(LTO_ONLY, { file: name });
  const groups: ComdatGroup[] = [];
  for (const s of elf.sections) {
    if (s.sh_type !== SHT_GROUP) continue;
    const g = elf.group(s);
    if (!(g.flags & GRP_COMDAT)) continue;
    const signature = symbols[s.sh_info]?.name;
    if (signature === undefined) throw new LinkError(`group signature symbol ${s.sh_info} does not exist`, { file: name, section: s.name });
    groups.push({ signature, members: g.members });
  }
  return { name, sections, symbols, groups };
}

function graphSection(elf: ElfFile, s: ElfSection): GraphSection | undefined {
  const flags = Number(s.sh_flags & 0xffffffffn);
  if (flags & SHF_EXCLUDE) return undefined;
  const placement = placementOf(s, flags);
  if (!placement) return undefined;
  const content = s.sh_type === SHT_NOBITS ? undefined : elf.sectionContents(s);
  return {
    index: s.index,
    name: s.name,
    sh_type: s.sh_type,
    placement,
    size: content ? content.length : s.sh_size,
    align: Math.max(1, s.sh_addralign),
    content,
    relocations: NO_RELOCATIONS,
    relocationSection: '',
    discarded: false,
    address: 0,
  };
}

function placementOf(s: ElfSection, flags: number): SectionPlacement | undefined {
  const loadable = s.sh_type === SHT_PROGBITS || s.sh_type === SHT_NOBITS || s.sh_type === SHT_X86_64_UNWIND || s.sh_type === SHT_NOTE
    || s.sh_type === SHT_INIT_ARRAY || s.sh_type === SHT_FINI_ARRAY || s.sh_type === SHT_PREINIT_ARRAY;
  if (!loadable) return undefined;
  if (!(flags & SHF_ALLOC)) return s.sh_type === SHT_PROGBITS && s.sh_size > 0 ? 'debug' : undefined;
  if (flags & SHF_TLS) return 'tls';
  if (flags & SHF_EXECINSTR) return 'code';
  if (s.sh_type === SHT_NOBITS) return 'zero';
  return flags & SHF_WRITE ? 'data' : 'rodata';
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function graphSymbol(s: ElfSymbol, object: string): GraphSymbol {
  const special = s.st_shndx === SHN_ABS || s.st_shndx === SHN_COMMON;
  if (!special && (s.st_value > MAX_SAFE || s.st_size > MAX_SAFE)) {
    throw new LinkError(`st_value 0x${s.st_value.toString(16)} or st_size is out of range`, { file: object, symbol: s.name });
  }
  return {
    index: s.index,
    name: s.type === STT_SECTION ? '' : s.name,
    bind: s.bind,
    type: s.type,
    st_shndx: s.st_shndx,
    value: s.st_shndx === SHN_ABS ? Number(BigInt.asIntN(64, s.st_value)) : Number(s.st_value),
    size: s.st_size > MAX_SAFE ? Number(BigInt.asUintN(53, s.st_size)) : Number(s.st_size),
  };
}

/** Whether a symbol is defined in a section of the object (not undefined, absolute or common). */
export function inSection(s: GraphSymbol): boolean {
  return s.st_shndx !== SHN_UNDEF && s.st_shndx < SHN_LORESERVE;
}

export function isUndefined(s: GraphSymbol): boolean {
  return s.st_shndx === SHN_UNDEF;
}

/** Whether a symbol takes part in resolution across objects (global or weak, named). */
export function isExternal(s: GraphSymbol): boolean {
  return s.bind !== STB_LOCAL && s.name !== '' && s.type !== STT_FILE;
}
