import { FormatError } from '../binary/index.js';
import {
  EM_AARCH64, EM_X86_64, ET_REL, R_AARCH64_ABS32, R_AARCH64_ABS64, R_AARCH64_NONE, R_AARCH64_PREL32, R_AARCH64_PREL64,
  R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_DTPOFF32, R_X86_64_DTPOFF64, R_X86_64_GOTOFF64, R_X86_64_NONE, R_X86_64_PC32,
  R_X86_64_PC64, SHN_LORESERVE, SHN_UNDEF, SHT_REL, nameOf,
} from './consts.js';
import type { ElfFile } from './read.js';
import type { ElfSection, ElfSymbol } from './types.js';

/** How a relocation in a debug section is computed: field size and whether P is subtracted. */
interface DebugRelocation {
  size: 4 | 8;
  pcRelative: boolean;
}

// With every section at address 0, as llvm-dwarfdump reads an object: S is st_value, P is r_offset.
const X86_64: Record<number, DebugRelocation> = {
  [R_X86_64_64]: { size: 8, pcRelative: false }, // S + A : u64
  [R_X86_64_32]: { size: 4, pcRelative: false }, // S + A : u32
  [R_X86_64_32S]: { size: 4, pcRelative: false }, // S + A : i32
  [R_X86_64_PC32]: { size: 4, pcRelative: true }, // S + A - P : i32 (.eh_frame)
  [R_X86_64_PC64]: { size: 8, pcRelative: true }, // S + A - P : i64
  [R_X86_64_DTPOFF32]: { size: 4, pcRelative: false }, // S + A : offset in the TLS block
  [R_X86_64_DTPOFF64]: { size: 8, pcRelative: false }, // S + A : offset in the TLS block
  // S + A - GOT, with the GOT at 0 like every section: GCC's -mcmodel=large puts these in
  // DW_AT_call_value expressions.
  [R_X86_64_GOTOFF64]: { size: 8, pcRelative: false },
};
const AARCH64: Record<number, DebugRelocation> = {
  [R_AARCH64_ABS64]: { size: 8, pcRelative: false }, // S + A
  [R_AARCH64_ABS32]: { size: 4, pcRelative: false }, // S + A
  [R_AARCH64_PREL64]: { size: 8, pcRelative: true }, // S + A - P
  [R_AARCH64_PREL32]: { size: 4, pcRelative: true }, // S + A - P (.eh_frame)
};

const TWO_32 = 2 ** 32;

/**
 * The section getter that src/dwarf reads an ELF file through: section contents by name,
 * decompressed (SHF_COMPRESSED), and for relocatable objects (ET_REL) with their
 * `.rela<name>` / `.rel<name>` relocations applied in memory with every section at address
 * 0, as llvm-dwarfdump does; with `placed`, at their sh_addr instead, as GDB reads a relocatable
 * object registered through its JIT interface (LLVM ORC patches sh_addr to where each section
 * was loaded), or at the address a function gives each section (an inspector that lays the
 * sections of an object apart, so that code in two sections never shares an address).
 * Results are cached; the file's bytes are never modified.
 */
export function debugSections(
  elf: ElfFile,
  placed: boolean | ((section: ElfSection) => number) = false,
): (name: string) => Uint8Array | undefined {
  const place = placed === true ? (s: ElfSection) => s.sh_addr : placed === false ? () => 0 : placed;
  const cache = new Map<string, Uint8Array | undefined>();
  const relocationsFor = new Map<number, ElfSection>();
  if (elf.header.e_type === ET_REL) {
    for (const s of elf.relocationSections) relocationsFor.set(s.sh_info, s);
  }
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    const s = elf.section(name);
    let bytes: Uint8Array | undefined;
    if (s) {
      bytes = elf.sectionContents(s);
      const rel = relocationsFor.get(s.index);
      if (rel) bytes = relocated(elf, s, bytes, rel, place);
    }
    cache.set(name, bytes);
    return bytes;
  };
}

function relocated(elf: ElfFile, s: ElfSection, contents: Uint8Array, rel: ElfSection, place: (s: ElfSection) => number): Uint8Array {
  const machine = elf.header.e_machine;
  const table = machine === EM_X86_64 ? X86_64 : machine === EM_AARCH64 ? AARCH64 : undefined;
  const none = machine === EM_X86_64 ? R_X86_64_NONE : R_AARCH64_NONE;
  const prefix = machine === EM_X86_64 ? 'R_X86_64_' : machine === EM_AARCH64 ? 'R_AARCH64_' : undefined;
  const where = (offset: number): { file?: string; section: string; offset: number } =>
    elf.file === undefined ? { section: s.name, offset } : { file: elf.file, section: s.name, offset };
  // A copy (`contents` may be a view of the file, which other readers share).
  const out = new Uint8Array(contents);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const symtab = elf.sections[rel.sh_link];
  const symbols: ElfSymbol[] = symtab && rel.sh_link !== 0 ? elf.symbols(symtab) : [];
  // S by symbol index, on first use: most relocations name one of a few section symbols.
  const addresses: (number | undefined)[] = [];
  const symbolAddress = (i: number, offset: number): number => {
    const sym = symbols[i];
    return (addresses[i] ??= sym ? symbolValue(sym, where(offset)) + sectionAddress(elf, sym, place) : 0);
  };
  const implicitAddends = rel.sh_type === SHT_REL;
  elf.eachRelocation(rel, (offset, sym, type, addend) => {
    if (type === none) return;
    const how = table?.[type];
    if (!how) {
      const name = (prefix && nameOf(prefix, type)) ?? `relocation type ${type}`;
      throw new FormatError(`${name} is not supported in a debug section`, where(offset));
    }
    if (offset + how.size > out.length) throw new FormatError(`relocation at 0x${offset.toString(16)} runs past the end of the section`, where(offset));
    const S = symbolAddress(sym, offset);
    const A = implicitAddends ? readField(view, offset, how.size) : addend;
    const value = S + A - (how.pcRelative ? offset + place(s) : 0);
    if (how.size === 4) {
      view.setUint32(offset, value >>> 0, true);
    } else {
      const hi = Math.floor(value / TWO_32);
      view.setUint32(offset, value - hi * TWO_32, true);
      view.setUint32(offset + 4, hi >>> 0, true);
    }
  });
  return out;
}

function symbolValue(sym: ElfSymbol, at: { section: string; offset: number }): number {
  const v = BigInt.asIntN(64, sym.st_value);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new FormatError(`symbol ${sym.name || sym.index} has st_value 0x${sym.st_value.toString(16)}, too large to relocate with`, at);
  }
  return Number(v);
}

/** The address of the section a symbol is defined in (its sh_addr unless `place` says); 0 for absolute, common and undefined symbols. */
export function sectionAddress(elf: ElfFile, sym: ElfSymbol, place = (s: ElfSection) => s.sh_addr): number {
  if (sym.st_shndx === SHN_UNDEF || (sym.st_shndx >= SHN_LORESERVE && !sym.xindex)) return 0;
  const section = elf.sections[sym.st_shndx];
  return section ? place(section) : 0;
}

/** The implicit addend of an SHT_REL relocation: the field's signed contents. */
function readField(view: DataView, offset: number, size: 4 | 8): number {
  if (size === 4) return view.getInt32(offset, true);
  return Number(view.getBigInt64(offset, true));
}
