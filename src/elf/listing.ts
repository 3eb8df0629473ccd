/**
 * What `jitdbg elf` shows: an ELF file's header and tables as plain rows (the `--json` output)
 * and as text that reads like `readelf -W`. Names come from describe.ts; numbers that can
 * use 64 bits are hex strings ("0x1f", "-0x4") so that JSON keeps them exact.
 */
import { EM_X86_64, PT_INTERP, SHT_DYNSYM, SHT_RELA, SHT_SYMTAB } from './consts.js';
import {
  fileTypeName, fileTypeShort, gnuExtensions, hex, machineName, osabiName, relocationTypeName, sectionFlagLetters,
  sectionTypeName, segmentFlags, segmentTypeName, symbolBindName, symbolDisplayName, symbolOther, symbolShndx,
  symbolTypeName, symbolVisibility, symbolVisibilityName,
} from './describe.js';
import type { ElfFile } from './read.js';
import type { ElfSection, ElfSymbol } from './types.js';

export const LISTING_PARTS = ['header', 'sections', 'segments', 'symbols', 'relocs'] as const;
export type ListingPart = (typeof LISTING_PARTS)[number];

export interface HeaderRow {
  class: 'ELF64';
  data: 'little endian';
  version: number;
  osabi: string;
  abiVersion: number;
  type: string;
  machine: string;
  entry: string;
  phoff: string;
  shoff: string;
  flags: string;
  ehsize: number;
  phentsize: number;
  phnum: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

export interface SectionRow {
  index: number; name: string; type: string; flags: string; addr: string; offset: string; size: string;
  link: number; info: number; addralign: string; entsize: string;
}

export interface SegmentRow {
  index: number; type: string; flags: string; offset: string; vaddr: string; paddr: string; filesz: string;
  memsz: string; align: string;
}

export interface SymbolRow {
  table: string; index: number; name: string; value: string; size: string; type: string; bind: string;
  visibility: string; shndx: number | string;
}

export interface RelocationRow {
  section: string; offset: string; type: string; symbol: string; symbolIndex: number; addend: string;
}

export interface Listing {
  file: string;
  header?: HeaderRow;
  sections?: SectionRow[];
  segments?: SegmentRow[];
  symbols?: SymbolRow[];
  relocations?: RelocationRow[];
}

/** The rows of the selected parts (`--json`). */
export function listing(elf: ElfFile, file: string, parts: ReadonlySet<ListingPart>): Listing {
  const out: Listing = { file };
  if (parts.has('header')) out.header = headerRow(elf);
  if (parts.has('sections')) out.sections = sectionRows(elf);
  if (parts.has('segments')) out.segments = segmentRows(elf);
  if (parts.has('symbols')) out.symbols = symbolRows(elf);
  if (parts.has('relocs')) out.relocations = relocationRows(elf);
  return out;
}

export function headerRow(elf: ElfFile): HeaderRow {
  const h = elf.header;
  return {
    class: 'ELF64',
    data: 'little endian',
    version: h.e_version,
    osabi: osabiName(h.ei_osabi),
    abiVersion: h.ei_abiversion,
    type: fileTypeShort(h.e_type),
    machine: machineName(h.e_machine),
    entry: hex(h.e_entry),
    phoff: hex(h.e_phoff),
    shoff: hex(h.e_shoff),
    flags: hex(h.e_flags),
    ehsize: h.e_ehsize,
    phentsize: h.e_phentsize,
    phnum: h.e_phnum,
    shentsize: h.e_shentsize,
    shnum: h.e_shnum,
    shstrndx: h.e_shstrndx,
  };
}

export function sectionRows(elf: ElfFile): SectionRow[] {
  const h = elf.header;
  return elf.sections.map((s) => ({
    index: s.index,
    name: s.name,
    type: sectionTypeName(s.sh_type, h.e_machine),
    flags: sectionFlagLetters(s.sh_flags, h),
    addr: hex(s.sh_addr),
    offset: hex(s.sh_offset),
    size: hex(s.sh_size),
    link: s.sh_link,
    info: s.sh_info,
    addralign: hex(s.sh_addralign),
    entsize: hex(s.sh_entsize),
  }));
}

export function segmentRows(elf: ElfFile): SegmentRow[] {
  return elf.segments.map((p) => ({
    index: p.index,
    type: segmentTypeName(p.p_type, elf.header.e_machine),
    flags: segmentFlags(p.p_flags).replaceAll(' ', ''),
    offset: hex(p.p_offset),
    vaddr: hex(p.p_vaddr),
    paddr: hex(p.p_paddr),
    filesz: hex(p.p_filesz),
    memsz: hex(p.p_memsz),
    align: hex(p.p_align),
  }));
}

function symbolRow(elf: ElfFile, table: ElfSection, sym: ElfSymbol): SymbolRow {
  const h = elf.header;
  return {
    table: table.name,
    index: sym.index,
    name: symbolDisplayName(sym, elf.sections),
    value: hex(sym.st_value),
    size: hex(sym.st_size),
    type: symbolTypeName(sym.type, h),
    bind: symbolBindName(sym.bind, h),
    visibility: symbolVisibility(sym.st_other, h),
    shndx: symbolShndx(sym, h),
  };
}

/** Every symbol of every symbol table (.symtab and .dynsym), in file order. */
export function symbolRows(elf: ElfFile): SymbolRow[] {
  return elf.symbolTables.flatMap((t) => elf.symbols(t).map((sym) => symbolRow(elf, t, sym)));
}

/** The symbols a relocation section refers to (none when sh_link is 0). */
function linkedSymbols(elf: ElfFile, s: ElfSection): ElfSymbol[] {
  const table = elf.sections[s.sh_link];
  return s.sh_link !== 0 && table && (table.sh_type === SHT_SYMTAB || table.sh_type === SHT_DYNSYM) ? elf.symbols(table) : [];
}

export function relocationRows(elf: ElfFile): RelocationRow[] {
  const machine = elf.header.e_machine;
  return elf.relocationSections.flatMap((s) => {
    const symbols = linkedSymbols(elf, s);
    return elf.relocations(s).map((r) => {
      const sym = r.sym !== 0 ? symbols[r.sym] : undefined;
      return {
        section: s.name,
        offset: hex(r.r_offset),
        type: relocationTypeName(r.type, machine),
        symbol: sym ? symbolDisplayName(sym, elf.sections) : '',
        symbolIndex: r.sym,
        addend: hex(r.r_addend),
      };
    });
  });
}

// --- text ---------------------------------------------------------------------------------

/** A hex string's digits, zero-padded: readelf's %N.Nlx. */
const digits = (h: string, width: number): string => h.replace(/^-?0x/, '').padStart(width, '0');

/** The selected parts as text that reads like `readelf -W`. */
export function renderListing(elf: ElfFile, parts: ReadonlySet<ListingPart>): string {
  const blocks: string[] = [];
  if (parts.has('header')) blocks.push(renderHeader(elf));
  if (parts.has('sections')) blocks.push(renderSections(elf));
  if (parts.has('segments')) blocks.push(renderSegments(elf));
  if (parts.has('symbols')) blocks.push(renderSymbols(elf));
  if (parts.has('relocs')) blocks.push(renderRelocations(elf));
  return blocks.join('\n');
}

function renderHeader(elf: ElfFile): string {
  const h = elf.header;
  const magic = Array.from(elf.bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const rows: [string, string | number][] = [
    ['Class:', 'ELF64'],
    ['Data:', "2's complement, little endian"],
    ['Version:', `${h.ei_version} (current)`],
    ['OS/ABI:', osabiName(h.ei_osabi)],
    ['ABI Version:', h.ei_abiversion],
    ['Type:', fileTypeName(h.e_type)],
    ['Machine:', machineName(h.e_machine)],
    ['Version:', hex(h.e_version)],
    ['Entry point address:', hex(h.e_entry)],
    ['Start of program headers:', `${h.e_phoff} (bytes into file)`],
    ['Start of section headers:', `${h.e_shoff} (bytes into file)`],
    ['Flags:', hex(h.e_flags)],
    ['Size of this header:', `${h.e_ehsize} (bytes)`],
    ['Size of program headers:', `${h.e_phentsize} (bytes)`],
    ['Number of program headers:', h.e_phnum],
    ['Size of section headers:', `${h.e_shentsize} (bytes)`],
    ['Number of section headers:', h.e_shnum],
    ['Section header string table index:', h.e_shstrndx],
  ];
  return `ELF Header:\n  Magic:   ${magic} \n${rows.map(([k, v]) => `  ${k.padEnd(35)}${v}\n`).join('')}`;
}

function renderSections(elf: ElfFile): string {
  const rows = sectionRows(elf);
  const lines = [
    `There are ${rows.length} section headers, starting at offset ${hex(elf.header.e_shoff)}:`,
    '',
    'Section Headers:',
    '  [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al',
  ];
  for (const r of rows) {
    lines.push(`  [${String(r.index).padStart(2)}] ${r.name.padEnd(17)} ${r.type.padEnd(15)} ${digits(r.addr, 16)} ${digits(r.offset, 6)} ${digits(r.size, 6)} ${digits(r.entsize, 2)} ${r.flags.padStart(3)} ${String(r.link).padStart(2)} ${String(r.info).padStart(3)} ${String(Number(r.addralign)).padStart(2)}`);
  }
  lines.push('Key to Flags:',
    '  W (write), A (alloc), X (execute), M (merge), S (strings), I (info),',
    '  L (link order), O (extra OS processing required), G (group), T (TLS),',
    '  C (compressed), x (unknown), o (OS specific), E (exclude),',
    `  ${gnuExtensions(elf.header) ? 'R (retain), ' : ''}D (mbind), ${elf.header.e_machine === EM_X86_64 ? 'l (large), ' : ''}p (processor specific)`);
  return `${lines.join('\n')}\n`;
}

function renderSegments(elf: ElfFile): string {
  const rows = segmentRows(elf);
  if (rows.length === 0) return '\nThere are no program headers in this file.\n';
  const lines = [
    '',
    `Elf file type is ${fileTypeName(elf.header.e_type)}`,
    `Entry point ${hex(elf.header.e_entry)}`,
    `There are ${rows.length} program headers, starting at offset ${elf.header.e_phoff}`,
    '',
    'Program Headers:',
    '  Type           Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align',
  ];
  for (const [i, r] of rows.entries()) {
    const p = elf.segments[i]!;
    lines.push(`  ${r.type.padEnd(14)} 0x${digits(r.offset, 6)} 0x${digits(r.vaddr, 16)} 0x${digits(r.paddr, 16)} 0x${digits(r.filesz, 6)} 0x${digits(r.memsz, 6)} ${segmentFlags(p.p_flags)} ${r.align}`);
    if (p.p_type === PT_INTERP) {
      const path = elf.bytes.subarray(p.p_offset, p.p_offset + p.p_filesz);
      const end = path.indexOf(0);
      lines.push(`      [Requesting program interpreter: ${new TextDecoder().decode(end < 0 ? path : path.subarray(0, end))}]`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** st_size as readelf prints it: decimal up to 99999, hex beyond. */
function symbolSize(size: string): string {
  const n = BigInt(size);
  return (n > 99999n ? size : n.toString()).padStart(5);
}

function renderSymbols(elf: ElfFile): string {
  const lines: string[] = [];
  for (const t of elf.symbolTables) {
    const symbols = elf.symbols(t);
    lines.push('', `Symbol table '${t.name}' contains ${symbols.length} ${symbols.length === 1 ? 'entry' : 'entries'}:`,
      '   Num:    Value          Size Type    Bind   Vis      Ndx Name');
    for (const sym of symbols) {
      const r = symbolRow(elf, t, sym);
      const other = symbolOther(sym.st_other, elf.header);
      const vis = `${symbolVisibilityName(sym.st_other).padEnd(7)}${other === undefined ? '' : ` [${other}] `}`;
      lines.push(`${String(r.index).padStart(6)}: ${digits(r.value, 16)} ${symbolSize(r.size)} ${r.type.padEnd(7)} ${r.bind.padEnd(6)} ${vis} ${String(r.shndx).padStart(4)} ${r.name}`);
    }
  }
  if (lines.length === 0) lines.push('', 'There are no symbol tables in this file.');
  return `${lines.join('\n')}\n`;
}

function renderRelocations(elf: ElfFile): string {
  const lines: string[] = [];
  const machine = elf.header.e_machine;
  for (const s of elf.relocationSections) {
    const relocs = elf.relocations(s);
    const symbols = linkedSymbols(elf, s);
    const rela = s.sh_type === SHT_RELA;
    lines.push('', `Relocation section '${s.name}' at offset ${hex(s.sh_offset)} contains ${relocs.length} ${relocs.length === 1 ? 'entry' : 'entries'}:`,
      rela ? "    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend"
        : "    Offset             Info             Type               Symbol's Value  Symbol's Name");
    for (const r of relocs) {
      const info = `${r.sym.toString(16).padStart(8, '0')}${r.type.toString(16).padStart(8, '0')}`;
      let line = `${r.r_offset.toString(16).padStart(16, '0')}  ${info} ${relocationTypeName(r.type, machine).padEnd(22)}`;
      const sym = r.sym !== 0 ? symbols[r.sym] : undefined;
      if (sym) {
        line += ` ${sym.st_value.toString(16).padStart(16, '0')} ${symbolDisplayName(sym, elf.sections)}`;
        if (rela) line += ` ${r.r_addend < 0 ? '-' : '+'} ${Math.abs(r.r_addend).toString(16)}`;
      } else if (rela) {
        line += `${' '.repeat(20)}${r.r_addend < 0 ? '-' : ''}${Math.abs(r.r_addend).toString(16)}`;
      }
      lines.push(line);
    }
  }
  if (lines.length === 0) lines.push('', 'There are no relocations in this file.');
  return `${lines.join('\n')}\n`;
}
