/**
 * One thing the inspector shows: a file, or an image a live process registered. It is read
 * lazily: the symbol table on first use, DWARF only when a view asks for lines or DIEs.
 */
import {
  Dwarf, DwarfQuery, ElfFile, EM_AARCH64, ET_REL, SHF_ALLOC, SHF_EXECINSTR, SHN_LORESERVE, SHN_UNDEF, SHT_DYNSYM, SHT_SYMTAB,
  STT_FILE, STT_FUNC, STT_SECTION, debugSections, dwarfConstants as DW, sectionAddress, dwarfNameOf, lineRowAt, type ElfRelocation, type ElfSection,
  type ElfSymbol, type LineTable, type Unit,
} from '../../src/index.js';

export interface Symbol {
  sym: ElfSymbol;
  /** Where it is: st_value, plus its section's address in a relocatable object. */
  address: number;
  size: number;
  /** Demangled, once the demangler has seen it. */
  demangled?: string;
}

export interface Source {
  file: string | undefined;
  line: number;
  column: number;
}

/** Where a JIT image came from in a live process; undefined for files. */
export interface Registration {
  entry: number;
  symfile: number;
  size: number;
  /** Set when the process unregistered it; the copy stays readable. */
  goneAt?: Date;
}

export class Document {
  readonly isRelocatable: boolean;
  /** Each section's address, by index: sh_addr, or for an object whose sections all sit at 0, one laid out as a linker would. */
  readonly sectionAddress: number[];
  private symbolList?: Symbol[];
  private byAddress?: Symbol[];
  private byName?: Map<string, Symbol>;
  private query?: DwarfQuery | null;
  private readonly relocationsBySection = new Map<number, Map<number, ElfRelocation>>();

  constructor(readonly name: string, readonly elf: ElfFile, readonly registration?: Registration) {
    this.isRelocatable = elf.header.e_type === ET_REL;
    this.sectionAddress = this.isRelocatable && !elf.sections.some((s) => s.sh_addr !== 0) ? layOut(elf.sections) : elf.sections.map((s) => s.sh_addr);
  }

  static read(name: string, bytes: Uint8Array, registration?: Registration): Document {
    return new Document(name, ElfFile.read(bytes, name), registration);
  }

  get machine(): number {
    return this.elf.header.e_machine;
  }

  /** The symbols a person looks for: .symtab when there is one (as nm shows), else .dynsym; no section or file symbols. */
  get symbols(): Symbol[] {
    if (!this.symbolList) {
      const tables = this.elf.symbolTables;
      const table = tables.find((t) => t.sh_type === SHT_SYMTAB) ?? tables.find((t) => t.sh_type === SHT_DYNSYM);
      this.symbolList = [];
      for (const sym of table ? this.elf.symbols(table) : []) {
        if (sym.index === 0 || sym.type === STT_SECTION || sym.type === STT_FILE) continue;
        this.symbolList.push({ sym, address: this.symbolAddress(sym), size: Number(sym.st_size) });
      }
    }
    return this.symbolList;
  }

  symbolAddress(sym: ElfSymbol): number {
    return Number(sym.st_value) + (this.isRelocatable ? sectionAddress(this.elf, sym, (s) => this.sectionAddress[s.index]!) : 0);
  }

  /** The defined symbol with this name (functions first), for following a call to another file. */
  symbolNamed(name: string): Symbol | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const s of this.symbols) {
        const known = this.byName.get(s.sym.name);
        if (s.sym.st_shndx !== SHN_UNDEF && (!known || (known.sym.type !== STT_FUNC && s.sym.type === STT_FUNC))) this.byName.set(s.sym.name, s);
      }
    }
    return this.byName.get(name);
  }

  /** The function or object that contains `address`, preferring a sized one; undefined when none does. */
  symbolAt(address: number): Symbol | undefined {
    const list = (this.byAddress ??= this.symbols
      .filter((s) => s.sym.st_shndx !== SHN_UNDEF && s.sym.st_shndx < SHN_LORESERVE && (s.size > 0 || s.sym.type === STT_FUNC))
      .sort((a, b) => a.address - b.address || b.size - a.size));
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.address <= address) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // The last symbol at or below the address; a sized one must cover it, an unsized one (hand-written code) runs to the next.
    for (let i = found; i >= 0 && i > found - 8; i--) {
      const s = list[i]!;
      if (s.size > 0 ? address < s.address + s.size : i === found) return s;
    }
    return undefined;
  }

  /** The allocated section whose range holds `address`. */
  sectionAt(address: number): ElfSection | undefined {
    return this.elf.sections.find((s) => (s.sh_flags & BigInt(SHF_ALLOC)) !== 0n && s.sh_size > 0
      && address >= this.sectionAddress[s.index]! && address < this.sectionAddress[s.index]! + s.sh_size);
  }

  isCode(section: ElfSection): boolean {
    return (section.sh_flags & BigInt(SHF_EXECINSTR)) !== 0n;
  }

  /** The bytes of [address, address + size) where a section holds them in the file. */
  bytesAt(address: number, size: number): Uint8Array | undefined {
    const s = this.sectionAt(address);
    if (!s) return undefined;
    const offset = address - this.sectionAddress[s.index]!;
    return this.elf.sectionData(s).subarray(offset, offset + size);
  }

  /** The relocation of a relocatable object that patches the field at `address` or the bytes after it (up to `span`). */
  relocationIn(address: number, span: number): { relocation: ElfRelocation; symbol: ElfSymbol | undefined; fieldAddress: number } | undefined {
    const section = this.sectionAt(address);
    if (!this.isRelocatable || !section) return undefined;
    const rels = this.relocationsOf(section);
    const base = this.sectionAddress[section.index]!;
    for (let offset = address - base; offset < address - base + span; offset++) {
      const relocation = rels.get(offset);
      if (relocation) {
        const table = this.elf.relocationSections.find((r) => r.sh_info === section.index);
        const symtab = table ? this.elf.sections[table.sh_link] : undefined;
        const symbol = symtab && relocation.sym ? this.elf.symbols(symtab)[relocation.sym] : undefined;
        return { relocation, symbol, fieldAddress: base + offset };
      }
    }
    return undefined;
  }

  private relocationsOf(section: ElfSection): Map<number, ElfRelocation> {
    let map = this.relocationsBySection.get(section.index);
    if (!map) {
      map = new Map();
      for (const rel of this.elf.relocationSections.filter((r) => r.sh_info === section.index)) {
        for (const r of this.elf.relocations(rel)) map.set(r.r_offset, r);
      }
      this.relocationsBySection.set(section.index, map);
    }
    return map;
  }

  /** DWARF queries over the file's debug sections, relocated for the addresses above; undefined without .debug_info. */
  get dwarf(): DwarfQuery | undefined {
    if (this.query === undefined) {
      this.query = this.elf.section('.debug_info')
        ? new DwarfQuery(new Dwarf(debugSections(this.elf, this.isRelocatable ? (s) => this.sectionAddress[s.index]! : false), { file: this.name, machine: this.machine === EM_AARCH64 ? 'aarch64' : 'x86-64' }))
        : null;
    }
    return this.query ?? undefined;
  }

  /** The unit whose code holds `address`, and its line table. */
  unitAt(address: number): { unit: Unit; table: LineTable | undefined } | undefined {
    const q = this.dwarf;
    const unit = q?.unitFor(address);
    return unit && { unit, table: q!.lineTable(unit) };
  }

  /** The source position of `address` from the line table, or undefined. */
  sourceAt(address: number, at = this.unitAt(address)): Source | undefined {
    const table = at?.table;
    const row = table ? lineRowAt(table, address) : -1;
    if (!table || row < 0) return undefined;
    return { file: this.sourcePath(at!.unit, table.program.filePath(table.file[row]!)), line: table.line[row]!, column: table.column[row]! };
  }

  /** A line table's file as a path to open: relative names are relative to the unit's DW_AT_comp_dir. */
  sourcePath(unit: Unit, file: string | undefined): string | undefined {
    if (file === undefined || file.startsWith('/')) return file;
    const dir = unit.root().string(DW.DW_AT_comp_dir);
    return dir ? `${dir.replace(/\/+$/, '')}/${file}` : file;
  }

  /** A unit's DW_AT_name, else its tag. */
  unitName(unit: Unit): string {
    const root = unit.root();
    return root.string(DW.DW_AT_name) ?? dwarfNameOf('TAG', root.tag) ?? `unit at 0x${unit.offset.toString(16)}`;
  }

  hasLines(unit: Unit): boolean {
    return unit.root().numberOf(DW.DW_AT_stmt_list) !== undefined;
  }
}

/** Addresses for an object's allocated sections, in index order and aligned, from 0: what a linker would choose for one object alone. */
function layOut(sections: readonly ElfSection[]): number[] {
  let next = 0;
  return sections.map((s) => {
    if ((s.sh_flags & BigInt(SHF_ALLOC)) === 0n) return 0;
    const align = Math.max(1, s.sh_addralign);
    const address = Math.ceil(next / align) * align;
    next = address + s.sh_size;
    return address;
  });
}
