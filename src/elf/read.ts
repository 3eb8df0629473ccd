import { ByteReader, FormatError, type Location } from '../binary/index.js';
import {
  EI_CLASS, EI_DATA, EI_NIDENT, EI_VERSION, ELF64_DYN_SIZE, ELF64_EHDR_SIZE, ELF64_PHDR_SIZE,
  ELF64_REL_SIZE, ELF64_RELA_SIZE, ELF64_SHDR_SIZE, ELF64_SYM_SIZE, ELFCLASS32, ELFCLASS64,
  ELFDATA2LSB, ELFDATA2MSB, ELFMAG, EV_CURRENT, PN_XNUM, PT_DYNAMIC, PT_NOTE, PT_NULL, SHF_COMPRESSED,
  SHN_XINDEX, SHT_DYNAMIC, SHT_DYNSYM, SHT_GROUP, SHT_NOBITS, SHT_NOTE, SHT_NULL, SHT_REL, SHT_RELA,
  SHT_STRTAB, SHT_SYMTAB, SHT_SYMTAB_SHNDX,
} from './consts.js';
import { decompressSection } from './compress.js';
import type {
  ElfDynamicEntry, ElfGroup, ElfHeader, ElfNote, ElfRelocation, ElfSection, ElfSegment, ElfSymbol, RelocationTable,
} from './types.js';

const TWO_32 = 2 ** 32;
/** The high word of a 64-bit field that still fits in 2^53. */
const SAFE_HIGH = 0x200000;

const hex = (n: number | bigint): string => `0x${n.toString(16)}`;

/**
 * An ELF64 little-endian file, read lazily over the caller's bytes. `read` checks the file
 * header and the bounds of the header tables; everything else is decoded on first use and
 * cached. Nothing is copied: section data are views of `bytes`. Bad input throws FormatError
 * with the file, the section where relevant, and the byte offset (within the section when a
 * section is named, else within the file).
 */
export class ElfFile {
  private sectionList: ElfSection[] | undefined;
  private sectionsByName: Map<string, ElfSection> | undefined;
  private segmentList: ElfSegment[] | undefined;
  private readonly symbolCache = new Map<number, ElfSymbol[]>();
  private readonly relocationCache = new Map<number, ElfRelocation[]>();
  private readonly relocationTableCache = new Map<number, RelocationTable>();
  private readonly contentsCache = new Map<number, Uint8Array>();
  private readonly reader: ByteReader;

  private constructor(
    readonly bytes: Uint8Array,
    readonly file: string | undefined,
    readonly header: ElfHeader,
  ) {
    this.reader = new ByteReader(bytes, true, this.at());
  }

  static read(bytes: Uint8Array, file?: string): ElfFile {
    return new ElfFile(bytes, file, readHeader(new ByteReader(bytes, true, file === undefined ? {} : { file })));
  }

  /** Every section header, index 0 included, with names resolved through e_shstrndx. */
  get sections(): ElfSection[] {
    return (this.sectionList ??= this.readSections());
  }

  /** The first section called `name`. */
  section(name: string): ElfSection | undefined {
    if (!this.sectionsByName) {
      this.sectionsByName = new Map();
      for (const s of this.sections) if (!this.sectionsByName.has(s.name)) this.sectionsByName.set(s.name, s);
    }
    return this.sectionsByName.get(name);
  }

  get segments(): ElfSegment[] {
    return (this.segmentList ??= this.readSegments());
  }

  /** The section's bytes in the file, as a view; empty for SHT_NOBITS. */
  sectionData(s: ElfSection): Uint8Array {
    if (s.sh_type === SHT_NOBITS || s.sh_type === SHT_NULL) return this.bytes.subarray(0, 0);
    return this.bytes.subarray(s.sh_offset, s.sh_offset + s.sh_size);
  }

  /** The section's bytes, decompressed when it is SHF_COMPRESSED (then cached). */
  sectionContents(s: ElfSection): Uint8Array {
    const data = this.sectionData(s);
    if ((s.sh_flags & BigInt(SHF_COMPRESSED)) === 0n || data.length === 0) return data;
    return cached(this.contentsCache, s.index, () => decompressSection(data, this.at(s)));
  }

  /** The SHT_SYMTAB and SHT_DYNSYM sections. */
  get symbolTables(): ElfSection[] {
    return this.sections.filter((s) => s.sh_type === SHT_SYMTAB || s.sh_type === SHT_DYNSYM);
  }

  /** Every entry of a symbol table, index 0 included; SHN_XINDEX resolved. Cached. */
  symbols(table: ElfSection): ElfSymbol[] {
    return cached(this.symbolCache, table.index, () => this.readSymbols(table));
  }

  /** The SHT_REL and SHT_RELA sections. */
  get relocationSections(): ElfSection[] {
    return this.sections.filter((s) => s.sh_type === SHT_REL || s.sh_type === SHT_RELA);
  }

  /** Every entry of an SHT_REL or SHT_RELA section. Cached. */
  relocations(s: ElfSection): ElfRelocation[] {
    return cached(this.relocationCache, s.index, () => {
      const out: ElfRelocation[] = [];
      this.eachRelocation(s, (r_offset, sym, type, r_addend) => { out.push({ r_offset, sym, type, r_addend }); });
      return out;
    });
  }

  /** The entries of an SHT_REL or SHT_RELA section as columns. Cached. */
  relocationTable(s: ElfSection): RelocationTable {
    return cached(this.relocationTableCache, s.index, () => {
      // Counted after sh_type and sh_entsize are checked: a hostile sh_entsize of 1 would
      // otherwise size the columns at 28 bytes per byte of the section.
      const count = this.relocationCount(s);
      const t = { length: count, r_offset: new Float64Array(count), sym: new Uint32Array(count), type: new Uint32Array(count), r_addend: new Float64Array(count) };
      let i = 0;
      this.eachRelocation(s, (r_offset, sym, type, r_addend) => {
        t.r_offset[i] = r_offset;
        t.sym[i] = sym;
        t.type[i] = type;
        t.r_addend[i++] = r_addend;
      });
      return t;
    });
  }

  /** The flags and member section indexes of an SHT_GROUP section. */
  group(s: ElfSection): ElfGroup {
    this.expectType(s, SHT_GROUP, 'a group');
    this.expectEntsize(s, 4);
    const r = this.dataReader(s);
    if (r.length < 4) throw r.error('group section is too short for its flags word', 0);
    const members: number[] = [];
    for (let o = 4; o < r.length; o += 4) {
      const m = r.u32At(o);
      if (m === 0 || m >= this.sections.length) throw r.error(`group member ${m} is not a section index (e_shnum ${this.sections.length})`, o);
      members.push(m);
    }
    return { flags: r.u32At(0), members };
  }

  /** The notes of an SHT_NOTE section or a PT_NOTE segment. */
  notes(of: ElfSection | ElfSegment): ElfNote[] {
    let r: ByteReader;
    let align: number;
    if ('sh_type' in of) {
      this.expectType(of, SHT_NOTE, 'a note');
      r = this.dataReader(of);
      align = of.sh_addralign === 8 ? 8 : 4;
    } else {
      if (of.p_type !== PT_NOTE) throw this.reader.error(`program header ${of.index} is not PT_NOTE`, this.header.e_phoff + of.index * ELF64_PHDR_SIZE);
      r = this.reader.sub(of.p_offset, of.p_filesz, 'PT_NOTE');
      align = of.p_align === 8 ? 8 : 4;
    }
    const notes: ElfNote[] = [];
    for (let o = 0; o < r.length;) {
      r.need(o, 12, 'note header');
      const namesz = r.u32At(o);
      const descsz = r.u32At(o + 4);
      const type = r.u32At(o + 8);
      r.need(o + 12, namesz, 'note name');
      const descOffset = alignUp(o + 12 + namesz, align);
      r.need(descOffset, descsz, 'note descriptor');
      const nameBytes = r.bytes.subarray(o + 12, o + 12 + namesz);
      const nul = nameBytes.indexOf(0);
      const name = new TextDecoder().decode(nul < 0 ? nameBytes : nameBytes.subarray(0, nul));
      notes.push({ name, type, desc: r.bytes.subarray(descOffset, descOffset + descsz) });
      o = Math.min(alignUp(descOffset + descsz, align), r.length);
    }
    return notes;
  }

  /**
   * The dynamic table up to DT_NULL (excluded): from SHT_DYNAMIC, or from PT_DYNAMIC in a file
   * without section headers. (A debug file's .dynamic is SHT_NOBITS: its PT_DYNAMIC points at
   * bytes that are not there.)
   */
  dynamic(): ElfDynamicEntry[] {
    let r: ByteReader;
    const s = this.sections.find((x) => x.sh_type === SHT_DYNAMIC);
    if (s) {
      this.expectEntsize(s, ELF64_DYN_SIZE);
      r = this.dataReader(s);
    } else if (this.sections.length > 0) {
      return [];
    } else {
      const p = this.segments.find((x) => x.p_type === PT_DYNAMIC);
      if (!p) return [];
      r = this.reader.sub(p.p_offset, p.p_filesz, 'PT_DYNAMIC');
    }
    const out: ElfDynamicEntry[] = [];
    for (let o = 0; o + ELF64_DYN_SIZE <= r.length; o += ELF64_DYN_SIZE) {
      const d_tag = r.i64At(o);
      if (d_tag === 0n) return out;
      out.push({ d_tag, d_val: r.u64At(o + 8) });
    }
    throw r.error('dynamic table has no DT_NULL terminator', r.length);
  }

  // --- decoding -------------------------------------------------------------------------

  /** A location in this file, within section `s` when given. */
  private at(s?: ElfSection, offset?: number): Location {
    const where: Location = {};
    if (this.file !== undefined) where.file = this.file;
    if (s) where.section = s.name || `[${s.index}]`;
    if (offset !== undefined) where.offset = offset;
    return where;
  }

  /** A reader over a section's bytes whose errors name the section. */
  private dataReader(s: ElfSection): ByteReader {
    return new ByteReader(this.sectionData(s), true, this.at(s, 0));
  }

  /** An error about a field of section `s`'s header, located at that header in the file. */
  private headerError(s: ElfSection, reason: string): FormatError {
    const name = s.name ? ` ${s.name}` : '';
    return new FormatError(`section [${s.index}]${name}: ${reason}`, this.at(undefined, this.header.e_shoff + s.index * ELF64_SHDR_SIZE));
  }

  private expectType(s: ElfSection, type: number, what: string): void {
    if (s.sh_type !== type) throw this.headerError(s, `sh_type ${hex(s.sh_type)} is not ${what} section`);
  }

  private expectEntsize(s: ElfSection, entsize: number): void {
    if (s.sh_entsize !== entsize) throw this.headerError(s, `sh_entsize ${s.sh_entsize}, expected ${entsize}`);
    if (s.sh_size % entsize !== 0) throw this.headerError(s, `sh_size ${hex(s.sh_size)} is not a multiple of sh_entsize ${entsize}`);
  }

  /** The section `s.sh_link` names, which must have type `type`. */
  private linked(s: ElfSection, type: number, what: string): ElfSection {
    const target = s.sh_link > 0 ? this.sections[s.sh_link] : undefined;
    if (!target) throw this.headerError(s, `sh_link ${s.sh_link} is not a section index`);
    if (target.sh_type !== type) throw this.headerError(s, `sh_link ${s.sh_link} names ${target.name || `section ${s.sh_link}`}, which is not ${what}`);
    return target;
  }

  private readSections(): ElfSection[] {
    const { e_shoff, e_shnum, e_shstrndx } = this.header;
    const r = this.reader;
    const out: ElfSection[] = [];
    for (let i = 0; i < e_shnum; i++) {
      const o = e_shoff + i * ELF64_SHDR_SIZE;
      out.push({
        index: i,
        name: '',
        sh_name: r.u32At(o),
        sh_type: r.u32At(o + 4),
        sh_flags: r.u64At(o + 8),
        sh_addr: r.u64nAt(o + 16, 'sh_addr'),
        sh_offset: r.u64nAt(o + 24, 'sh_offset'),
        sh_size: r.u64nAt(o + 32, 'sh_size'),
        sh_link: r.u32At(o + 40),
        sh_info: r.u32At(o + 44),
        sh_addralign: r.u64nAt(o + 48, 'sh_addralign'),
        sh_entsize: r.u64nAt(o + 56, 'sh_entsize'),
      });
    }
    const checkBounds = (s: ElfSection): void => {
      if (s.sh_type === SHT_NOBITS || s.sh_type === SHT_NULL) return;
      if (s.sh_offset + s.sh_size > this.bytes.length) {
        throw this.headerError(s, `sh_offset ${hex(s.sh_offset)} + sh_size ${hex(s.sh_size)} runs past the end of the file (${hex(this.bytes.length)})`);
      }
    };
    if (e_shstrndx !== 0) {
      const strtab = out[e_shstrndx]!;
      if (strtab.sh_type !== SHT_STRTAB) throw this.headerError(strtab, `e_shstrndx names a section of type ${hex(strtab.sh_type)}, not a string table`);
      checkBounds(strtab);
      const names = new StringTable(this.sectionData(strtab), this.at(undefined, strtab.sh_offset), 'the section name table');
      for (const s of out) s.name = names.get(s.sh_name) ?? names.pastEnd(s.sh_name, `section [${s.index}]: sh_name`, this.at(undefined, e_shoff + s.index * ELF64_SHDR_SIZE));
    }
    for (const s of out) checkBounds(s);
    return out;
  }

  private readSegments(): ElfSegment[] {
    const { e_phoff, e_phnum } = this.header;
    const r = this.reader;
    const out: ElfSegment[] = [];
    for (let i = 0; i < e_phnum; i++) {
      const o = e_phoff + i * ELF64_PHDR_SIZE;
      const p: ElfSegment = {
        index: i,
        p_type: r.u32At(o),
        p_flags: r.u32At(o + 4),
        p_offset: r.u64nAt(o + 8, 'p_offset'),
        p_vaddr: r.u64nAt(o + 16, 'p_vaddr'),
        p_paddr: r.u64nAt(o + 24, 'p_paddr'),
        p_filesz: r.u64nAt(o + 32, 'p_filesz'),
        p_memsz: r.u64nAt(o + 40, 'p_memsz'),
        p_align: r.u64nAt(o + 48, 'p_align'),
      };
      if (p.p_type !== PT_NULL && p.p_offset + p.p_filesz > this.bytes.length) {
        throw r.error(`program header ${i}: p_offset ${hex(p.p_offset)} + p_filesz ${hex(p.p_filesz)} runs past the end of the file (${hex(this.bytes.length)})`, o);
      }
      out.push(p);
    }
    return out;
  }

  private readSymbols(table: ElfSection): ElfSymbol[] {
    if (table.sh_type !== SHT_SYMTAB && table.sh_type !== SHT_DYNSYM) throw this.headerError(table, `sh_type ${hex(table.sh_type)} is not a symbol table`);
    this.expectEntsize(table, ELF64_SYM_SIZE);
    const strtab = this.linked(table, SHT_STRTAB, 'a string table');
    const names = new StringTable(this.sectionData(strtab), this.at(strtab, 0), strtab.name || 'its string table');
    const r = this.dataReader(table);
    const count = r.length / ELF64_SYM_SIZE;
    let xindex: ByteReader | undefined;
    const out: ElfSymbol[] = new Array(count);
    for (let i = 0, o = 0; i < count; i++, o += ELF64_SYM_SIZE) {
      const st_name = r.view.getUint32(o, true);
      const st_info = r.bytes[o + 4]!;
      const st_other = r.bytes[o + 5]!;
      let st_shndx = r.view.getUint16(o + 6, true);
      const xindexed = st_shndx === SHN_XINDEX;
      if (xindexed) {
        xindex ??= this.extendedIndexes(table, count);
        st_shndx = xindex.u32At(i * 4);
      }
      out[i] = {
        index: i,
        name: names.get(st_name) ?? names.pastEnd(st_name, `symbol ${i}: st_name`, this.at(table, o)),
        st_name,
        type: st_info & 0xf,
        bind: st_info >> 4,
        visibility: st_other & 3,
        st_other,
        st_shndx,
        xindex: xindexed,
        st_value: r.view.getBigUint64(o + 8, true),
        st_size: r.view.getBigUint64(o + 16, true),
      };
    }
    return out;
  }

  /** The SHT_SYMTAB_SHNDX section that extends `table`'s st_shndx fields. */
  private extendedIndexes(table: ElfSection, count: number): ByteReader {
    const s = this.sections.find((x) => x.sh_type === SHT_SYMTAB_SHNDX && x.sh_link === table.index);
    if (!s) throw this.headerError(table, 'a symbol has st_shndx SHN_XINDEX but no SHT_SYMTAB_SHNDX section links to this table');
    const r = this.dataReader(s);
    if (r.length < count * 4) throw this.headerError(s, `sh_size ${hex(r.length)} holds fewer than the ${count} entries of ${table.name}`);
    return r;
  }

  /** The number of entries of an SHT_REL or SHT_RELA section, its sh_type and sh_entsize checked. */
  relocationCount(s: ElfSection): number {
    const rela = s.sh_type === SHT_RELA;
    if (!rela && s.sh_type !== SHT_REL) throw this.headerError(s, `sh_type ${hex(s.sh_type)} is not a relocation section`);
    const entsize = rela ? ELF64_RELA_SIZE : ELF64_REL_SIZE;
    this.expectEntsize(s, entsize);
    return s.sh_size / entsize;
  }

  /**
   * The fields of each entry of an SHT_REL or SHT_RELA section (see ElfRelocation), checked
   * as `relocations` checks them, neither kept nor made into objects: applying the 150k
   * relocations of a large object's debug sections needs each entry once.
   */
  eachRelocation(s: ElfSection, visit: (r_offset: number, sym: number, type: number, r_addend: number) => void): void {
    const count = this.relocationCount(s);
    const rela = s.sh_type === SHT_RELA;
    const entsize = rela ? ELF64_RELA_SIZE : ELF64_REL_SIZE;
    // sh_link 0: relocations without a symbol table (e.g. .rela.dyn of a static executable).
    let symbolCount = 1;
    if (s.sh_link !== 0) {
      const symtab = this.sections[s.sh_link];
      if (!symtab || (symtab.sh_type !== SHT_SYMTAB && symtab.sh_type !== SHT_DYNSYM)) {
        throw this.headerError(s, `sh_link ${s.sh_link} is not a symbol table`);
      }
      symbolCount = Math.floor(symtab.sh_size / ELF64_SYM_SIZE);
    }
    const r = this.dataReader(s);
    const view = r.view;
    for (let i = 0, o = 0; i < count; i++, o += entsize) {
      const offsetHigh = view.getUint32(o + 4, true);
      if (offsetHigh >= SAFE_HIGH) throw r.error(`relocation ${i}: r_offset ${hex(view.getBigUint64(o, true))} is too large`, o);
      const sym = view.getUint32(o + 12, true);
      if (sym >= symbolCount) throw r.error(`relocation ${i}: symbol index ${sym} is past the end of the symbol table (${symbolCount} entries)`, o + 8);
      let r_addend = 0;
      if (rela) {
        const addendHigh = view.getInt32(o + 20, true);
        if (addendHigh >= SAFE_HIGH || addendHigh <= -SAFE_HIGH) throw r.error(`relocation ${i}: r_addend ${view.getBigInt64(o + 16, true)} is out of range`, o + 16);
        r_addend = addendHigh * TWO_32 + view.getUint32(o + 16, true);
      }
      visit(offsetHigh * TWO_32 + view.getUint32(o, true), sym, view.getUint32(o + 8, true), r_addend);
    }
  }
}

/**
 * A string table. Names are decoded with Buffer's native UTF-8 decoder over the same memory:
 * symbol tables of large programs hold 100k names, and decoding them dominates reading.
 */
class StringTable {
  private readonly buffer: Buffer;

  constructor(bytes: Uint8Array, private readonly origin: Location, private readonly what: string) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  get size(): number {
    return this.buffer.length;
  }

  /**
   * The string at `offset`, or undefined when `offset` is past the end: the caller then throws
   * pastEnd, naming its field (built only then: symbol tables have thousands of entries).
   */
  get(offset: number): string | undefined {
    if (offset === 0 && this.buffer.length === 0) return '';
    if (offset >= this.buffer.length) return undefined;
    const end = this.buffer.indexOf(0, offset);
    if (end < 0) throw new FormatError(`the string at ${hex(offset)} is not NUL-terminated`, { ...this.origin, offset: (this.origin.offset ?? 0) + offset });
    return this.buffer.toString('utf8', offset, end);
  }

  /** The error for field `referrer`, located at `at`, whose `offset` is past the end. */
  pastEnd(offset: number, referrer: string, at: Location): never {
    throw new FormatError(`${referrer} ${hex(offset)} is past the end of ${this.what} (size ${hex(this.buffer.length)})`, at);
  }
}

function cached<T>(cache: Map<number, T>, key: number, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Checks e_ident and the file header; resolves the section-count and index escapes. */
function readHeader(r: ByteReader): ElfHeader {
  if (r.length < EI_NIDENT) throw r.error(`truncated ELF identification: the file has ${r.length} bytes`, 0);
  if (!ELFMAG.every((b, i) => r.bytes[i] === b)) throw r.error('not an ELF file (bad magic number)', 0);
  const ei_class = r.bytes[EI_CLASS]!;
  if (ei_class === ELFCLASS32) throw r.error('ELF32 (EI_CLASS 1) is not supported: jitdbg reads ELF64', EI_CLASS);
  if (ei_class !== ELFCLASS64) throw r.error(`bad EI_CLASS ${ei_class}`, EI_CLASS);
  const ei_data = r.bytes[EI_DATA]!;
  if (ei_data === ELFDATA2MSB) throw r.error('big-endian ELF (EI_DATA 2) is not supported: jitdbg reads little-endian ELF64', EI_DATA);
  if (ei_data !== ELFDATA2LSB) throw r.error(`bad EI_DATA ${ei_data}`, EI_DATA);
  const ei_version = r.bytes[EI_VERSION]!;
  if (ei_version !== EV_CURRENT) throw r.error(`bad EI_VERSION ${ei_version}`, EI_VERSION);
  r.need(0, ELF64_EHDR_SIZE, 'ELF header');
  const e_version = r.u32At(20);
  if (e_version !== EV_CURRENT) throw r.error(`bad e_version ${e_version}`, 20);
  const h: ElfHeader = {
    ei_class,
    ei_data,
    ei_version,
    ei_osabi: r.bytes[7]!,
    ei_abiversion: r.bytes[8]!,
    e_type: r.u16At(16),
    e_machine: r.u16At(18),
    e_version,
    e_entry: r.u64nAt(24, 'e_entry'),
    e_phoff: r.u64nAt(32, 'e_phoff'),
    e_shoff: r.u64nAt(40, 'e_shoff'),
    e_flags: r.u32At(48),
    e_ehsize: r.u16At(52),
    e_phentsize: r.u16At(54),
    e_phnum: r.u16At(56),
    e_shentsize: r.u16At(58),
    e_shnum: r.u16At(60),
    e_shstrndx: r.u16At(62),
  };
  if (h.e_shoff === 0) {
    // No section header table: the counts mean nothing.
    h.e_shnum = 0;
    h.e_shstrndx = 0;
  } else {
    if (h.e_shentsize !== ELF64_SHDR_SIZE) throw r.error(`e_shentsize ${h.e_shentsize}, expected ${ELF64_SHDR_SIZE}`, 58);
    if (h.e_shoff < ELF64_EHDR_SIZE) throw r.error(`the section header table at e_shoff ${hex(h.e_shoff)} overlaps the ELF header`, 40);
    r.need(h.e_shoff, ELF64_SHDR_SIZE, 'section header 0');
    if (h.e_shnum === 0) h.e_shnum = r.u64nAt(h.e_shoff + 32, 'section count (sh_size of section 0)');
    if (h.e_shstrndx === SHN_XINDEX) h.e_shstrndx = r.u32At(h.e_shoff + 40);
    if (h.e_phnum === PN_XNUM) h.e_phnum = r.u32At(h.e_shoff + 44);
    if (h.e_shoff + h.e_shnum * ELF64_SHDR_SIZE > r.length) {
      throw r.error(`the section header table (${h.e_shnum} entries at ${hex(h.e_shoff)}) runs past the end of the file (${hex(r.length)})`, 40);
    }
    if (h.e_shstrndx >= h.e_shnum) throw r.error(`e_shstrndx ${h.e_shstrndx} is not a section index (${h.e_shnum} sections)`, 62);
  }
  if (h.e_phnum > 0) {
    if (h.e_phentsize !== ELF64_PHDR_SIZE) throw r.error(`e_phentsize ${h.e_phentsize}, expected ${ELF64_PHDR_SIZE}`, 54);
    if (h.e_phoff < ELF64_EHDR_SIZE) throw r.error(`the program header table at e_phoff ${hex(h.e_phoff)} overlaps the ELF header`, 32);
    if (h.e_phoff + h.e_phnum * ELF64_PHDR_SIZE > r.length) {
      throw r.error(`the program header table (${h.e_phnum} entries at ${hex(h.e_phoff)}) runs past the end of the file (${hex(r.length)})`, 32);
    }
  }
  return h;
}
