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
import { encodeText, TextWriter } from '../binary/text-writer.js';
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
  const rows: SymbolRow[] = [];
  eachSymbolRow(elf, (row) => rows.push(row));
  return rows;
}

/**
 * The symbol rows one at a time: a caller that writes each as it comes keeps none, and rows
 * that die young cost the garbage collector almost nothing (a large file has 100k of them).
 */
function eachSymbolRow(elf: ElfFile, fn: (row: SymbolRow) => void): void {
  for (const t of elf.symbolTables) for (const sym of elf.symbols(t)) fn(symbolRow(elf, t, sym));
}

/** The symbols a relocation section refers to (none when sh_link is 0). */
function linkedSymbols(elf: ElfFile, s: ElfSection): ElfSymbol[] {
  const table = elf.sections[s.sh_link];
  return s.sh_link !== 0 && table && (table.sh_type === SHT_SYMTAB || table.sh_type === SHT_DYNSYM) ? elf.symbols(table) : [];
}

export function relocationRows(elf: ElfFile): RelocationRow[] {
  const rows: RelocationRow[] = [];
  eachRelocationRow(elf, (row) => rows.push(row));
  return rows;
}

/** The relocation rows one at a time, as eachSymbolRow. */
function eachRelocationRow(elf: ElfFile, fn: (row: RelocationRow) => void): void {
  const machine = elf.header.e_machine;
  for (const s of elf.relocationSections) {
    const symbols = linkedSymbols(elf, s);
    elf.eachRelocation(s, (r_offset, symbolIndex, type, r_addend) => {
      const sym = symbolIndex !== 0 ? symbols[symbolIndex] : undefined;
      fn({
        section: s.name,
        offset: hex(r_offset),
        type: relocationTypeName(type, machine),
        symbol: sym ? symbolDisplayName(sym, elf.sections) : '',
        symbolIndex,
        addend: hex(r_addend),
      });
    });
  }
}

// --- JSON ---------------------------------------------------------------------------------

/**
 * The selected parts as one JSON object (`jitdbg elf --json`), one table row per line so that
 * large tables stay readable and greppable. Rows are written as they are made.
 */
export function writeListingJson(elf: ElfFile, file: string, parts: ReadonlySet<ListingPart>, w: TextWriter): void {
  w.str('{\n "file": ').jsonString(file);
  if (parts.has('header')) {
    w.str(',\n "header": ');
    jsonRows((fn) => fn(headerRow(elf)), () => {}, w);
  }
  const table = (key: string, each: (fn: (row: object) => void) => void): void => {
    w.str(`,\n "${key}": [`);
    const rows = jsonRows(each, (n) => w.str(n ? ',\n  ' : '\n  '), w);
    w.str(rows ? '\n ]' : ']');
  };
  if (parts.has('sections')) table('sections', (fn) => sectionRows(elf).forEach(fn));
  if (parts.has('segments')) table('segments', (fn) => segmentRows(elf).forEach(fn));
  if (parts.has('symbols')) table('symbols', (fn) => eachSymbolRow(elf, fn));
  if (parts.has('relocs')) table('relocations', (fn) => eachRelocationRow(elf, fn));
  w.str('\n}\n');
}

/**
 * Flat rows of strings and numbers, as JSON.stringify writes them, `before(n)` ahead of row n;
 * returns the number of rows. Every row of a table has the keys of the first, in its order:
 * their text is made once.
 */
function jsonRows(each: (fn: (row: object) => void) => void, before: (n: number) => void, w: TextWriter): number {
  let keys: string[] = [];
  let prefixes: Uint8Array[] = [];
  let n = 0;
  each((row) => {
    if (n === 0) {
      keys = Object.keys(row);
      prefixes = keys.map((key, i) => encodeText(`${i ? ',' : '{'}"${key}":`));
    }
    before(n++);
    for (let i = 0; i < keys.length; i++) {
      w.bytes(prefixes[i]!);
      const value = (row as Record<string, string | number>)[keys[i]!]!;
      if (typeof value === 'number') w.dec(value);
      else w.jsonString(value);
    }
    w.char(0x7d);
  });
  return n;
}

// --- text ---------------------------------------------------------------------------------

/** The selected parts as text that reads like `readelf -W`. */
export function renderListing(elf: ElfFile, parts: ReadonlySet<ListingPart>): string {
  const w = new TextWriter();
  writeListing(elf, parts, w);
  return w.toString();
}

/**
 * The selected parts as `readelf -W` with the same options prints them, byte for byte: in
 * its order (header, sections, segments, relocations, symbols), and, as readelf does, without
 * the section and segment parts' opening lines when the header above already says it.
 */
export function writeListing(elf: ElfFile, parts: ReadonlySet<ListingPart>, w: TextWriter): void {
  const header = parts.has('header');
  if (header) writeHeader(elf, w);
  if (parts.has('sections')) writeSections(elf, w, !header);
  if (parts.has('segments')) writeSegments(elf, w, !header);
  if (parts.has('relocs')) writeRelocations(elf, w);
  if (parts.has('symbols')) writeSymbols(elf, w);
}

const NL = 10;

/** `label` padded to readelf's header column, then the value, then a newline. */
function headerLine(w: TextWriter, label: string, value: string | number): void {
  const start = w.str('  ').length;
  w.str(label).padEnd(start, 35);
  (typeof value === 'number' ? w.dec(value) : w.str(value)).char(NL);
}

function writeHeader(elf: ElfFile, w: TextWriter): void {
  const h = elf.header;
  w.str('ELF Header:\n  Magic:   ');
  for (let i = 0; i < 16; i++) w.hex(elf.bytes[i]!, 2).char(0x20);
  w.char(NL);
  headerLine(w, 'Class:', 'ELF64');
  headerLine(w, 'Data:', "2's complement, little endian");
  headerLine(w, 'Version:', `${h.ei_version} (current)`);
  headerLine(w, 'OS/ABI:', osabiName(h.ei_osabi));
  headerLine(w, 'ABI Version:', h.ei_abiversion);
  headerLine(w, 'Type:', fileTypeName(h.e_type));
  headerLine(w, 'Machine:', machineName(h.e_machine));
  headerLine(w, 'Version:', hex(h.e_version));
  headerLine(w, 'Entry point address:', hex(h.e_entry));
  headerLine(w, 'Start of program headers:', `${h.e_phoff} (bytes into file)`);
  headerLine(w, 'Start of section headers:', `${h.e_shoff} (bytes into file)`);
  headerLine(w, 'Flags:', hex(h.e_flags));
  headerLine(w, 'Size of this header:', `${h.e_ehsize} (bytes)`);
  headerLine(w, 'Size of program headers:', `${h.e_phentsize} (bytes)`);
  headerLine(w, 'Number of program headers:', h.e_phnum);
  headerLine(w, 'Size of section headers:', `${h.e_shentsize} (bytes)`);
  headerLine(w, 'Number of section headers:', h.e_shnum);
  headerLine(w, 'Section header string table index:', h.e_shstrndx);
}

/** A number right-aligned in `width` columns, after a space. */
function column(w: TextWriter, n: number | string, width: number): void {
  const start = w.char(0x20).length;
  (typeof n === 'number' ? w.dec(n) : w.str(n)).padStart(start, width);
}

/** A string left-aligned in `width` columns, after a space. */
function field(w: TextWriter, s: string, width: number): void {
  const start = w.char(0x20).length;
  w.str(s).padEnd(start, width);
}

function writeSections(elf: ElfFile, w: TextWriter, intro: boolean): void {
  const h = elf.header;
  if (intro) w.str(`There are ${elf.sections.length} section headers, starting at offset ${hex(h.e_shoff)}:\n`);
  w.str('\nSection Headers:\n  [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al\n');
  for (const s of elf.sections) {
    w.str('  [');
    const start = w.length;
    w.dec(s.index).padStart(start, 2).char(0x5d);
    field(w, s.name, 17);
    field(w, sectionTypeName(s.sh_type, h.e_machine), 15);
    w.char(0x20).hex(s.sh_addr, 16).char(0x20).hex(s.sh_offset, 6).char(0x20).hex(s.sh_size, 6).char(0x20).hex(s.sh_entsize, 2);
    column(w, sectionFlagLetters(s.sh_flags, h), 3);
    column(w, s.sh_link, 2);
    column(w, s.sh_info, 3);
    column(w, s.sh_addralign, 2);
    w.char(NL);
  }
  w.str('Key to Flags:\n  W (write), A (alloc), X (execute), M (merge), S (strings), I (info),\n'
    + '  L (link order), O (extra OS processing required), G (group), T (TLS),\n'
    + '  C (compressed), x (unknown), o (OS specific), E (exclude),\n');
  w.str(`  ${gnuExtensions(h) ? 'R (retain), ' : ''}D (mbind), ${h.e_machine === EM_X86_64 ? 'l (large), ' : ''}p (processor specific)\n`);
}

function writeSegments(elf: ElfFile, w: TextWriter, intro: boolean): void {
  const h = elf.header;
  if (elf.segments.length === 0) {
    w.str('\nThere are no program headers in this file.\n');
    return;
  }
  if (intro) w.str(`\nElf file type is ${fileTypeName(h.e_type)}\nEntry point ${hex(h.e_entry)}\nThere are ${elf.segments.length} program headers, starting at offset ${h.e_phoff}\n`);
  w.str('\nProgram Headers:\n  Type           Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align\n');
  for (const p of elf.segments) {
    const start = w.str('  ').length;
    w.str(segmentTypeName(p.p_type, h.e_machine)).padEnd(start, 14);
    w.str(' 0x').hex(p.p_offset, 6).str(' 0x').hex(p.p_vaddr, 16).str(' 0x').hex(p.p_paddr, 16);
    w.str(' 0x').hex(p.p_filesz, 6).str(' 0x').hex(p.p_memsz, 6).char(0x20).str(segmentFlags(p.p_flags)).str(' 0x').hex(p.p_align).char(NL);
    if (p.p_type === PT_INTERP) {
      const path = elf.bytes.subarray(p.p_offset, p.p_offset + p.p_filesz);
      const end = path.indexOf(0);
      w.str('      [Requesting program interpreter: ').bytes(end < 0 ? path : path.subarray(0, end)).str(']\n');
    }
  }
}

function writeSymbols(elf: ElfFile, w: TextWriter): void {
  const h = elf.header;
  const tables = elf.symbolTables;
  if (tables.length === 0) w.str('\nThere are no symbol tables in this file.\n');
  for (const t of tables) {
    const symbols = elf.symbols(t);
    w.str(`\nSymbol table '${t.name}' contains ${symbols.length} ${symbols.length === 1 ? 'entry' : 'entries'}:\n`);
    w.str('   Num:    Value          Size Type    Bind   Vis      Ndx Name\n');
    for (const sym of symbols) {
      const start = w.length;
      w.dec(sym.index).padStart(start, 6).str(': ').hex(sym.st_value, 16).char(0x20);
      // st_size: decimal up to 99999, hex beyond, as readelf prints it.
      const size = w.length;
      if (sym.st_size > 99999n) w.str('0x').hex(sym.st_size);
      else w.dec(Number(sym.st_size));
      w.padStart(size, 5);
      field(w, symbolTypeName(sym.type, h), 7);
      field(w, symbolBindName(sym.bind, h), 6);
      field(w, symbolVisibilityName(sym.st_other), 7);
      const other = symbolOther(sym.st_other, h);
      if (other !== undefined) w.str(` [${other}] `);
      column(w, symbolShndx(sym, h), 4);
      w.char(0x20).str(symbolDisplayName(sym, elf.sections)).char(NL);
    }
  }
}

function writeRelocations(elf: ElfFile, w: TextWriter): void {
  const machine = elf.header.e_machine;
  const sections = elf.relocationSections;
  if (sections.length === 0) w.str('\nThere are no relocations in this file.\n');
  // The text of a row's type and symbol columns is formatted once per type and per symbol:
  // a few dozen types and a few thousand symbols serve hundreds of thousands of rows.
  const types = new Map<number, Uint8Array>();
  const typeText = (type: number): Uint8Array => {
    let text = types.get(type);
    if (text === undefined) types.set(type, (text = encodeText(`${type.toString(16).padStart(8, '0')} ${relocationTypeName(type, machine).padEnd(22)}`)));
    return text;
  };
  const symbolTexts = new Map<number, (Uint8Array | undefined)[]>();
  for (const s of sections) {
    const count = elf.relocationCount(s);
    const symbols = linkedSymbols(elf, s);
    let symbolText = symbolTexts.get(s.sh_link);
    if (!symbolText) symbolTexts.set(s.sh_link, (symbolText = new Array(symbols.length)));
    const rela = s.sh_type === SHT_RELA;
    w.str(`\nRelocation section '${s.name}' at offset ${hex(s.sh_offset)} contains ${count} ${count === 1 ? 'entry' : 'entries'}:\n`);
    w.str(rela ? "    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend\n"
      : "    Offset             Info             Type               Symbol's Value  Symbol's Name\n");
    elf.eachRelocation(s, (r_offset, symIndex, type, r_addend) => {
      w.hex(r_offset, 16).str('  ').hex(symIndex, 8).bytes(typeText(type));
      const sym = symIndex !== 0 ? symbols[symIndex] : undefined;
      if (sym) {
        w.bytes((symbolText[symIndex] ??= encodeText(` ${sym.st_value.toString(16).padStart(16, '0')} ${symbolDisplayName(sym, elf.sections)}`)));
        if (rela) w.str(r_addend < 0 ? ' - ' : ' + ').hex(Math.abs(r_addend));
      } else if (rela) {
        w.spaces(20);
        if (r_addend < 0) w.char(0x2d);
        w.hex(Math.abs(r_addend));
      }
      w.char(NL);
    });
  }
}
