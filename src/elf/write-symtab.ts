import type { ByteWriter } from '../binary/writer.js';
import { ELF64_SYM_SIZE, SHN_LORESERVE, SHN_UNDEF, SHN_XINDEX, STB_LOCAL } from './consts.js';
import type { Layout } from './write-layout.js';
import type { SectionRef, SymbolRef, SymbolSpec, SymbolTableSpec } from './write-spec.js';
import type { StringTableBuilder } from './write-strtab.js';

/** A symbol table in its final order (locals first), and the section index of each symbol. */
export class SymbolTablePlan {
  readonly order: SymbolSpec[];
  readonly firstGlobal: number;
  readonly needsShndx: boolean;
  private readonly shndx: number[];
  private readonly index = new Map<SymbolSpec, number>();
  private byName: Map<string, number> | undefined;

  constructor(
    readonly spec: SymbolTableSpec,
    readonly strtab: number,
    private readonly strings: StringTableBuilder,
    sectionIndex: (ref: SectionRef, what: string) => number,
    /** st_value is an address (ET_EXEC, ET_DYN), not an offset in the section (ET_REL). */
    private readonly relative: boolean,
  ) {
    const what = `symbol table ${spec.name}`;
    const locals = spec.symbols.filter((s) => (s.bind ?? STB_LOCAL) === STB_LOCAL);
    this.order = locals.length === spec.symbols.length ? spec.symbols : [...locals, ...spec.symbols.filter((s) => (s.bind ?? STB_LOCAL) !== STB_LOCAL)];
    this.firstGlobal = locals.length + 1;
    this.order.forEach((s, i) => this.index.set(s, i + 1));
    for (const s of this.order) strings.add(s.name);
    this.shndx = this.order.map((s) => {
      if (s.offset !== undefined && (s.st_value !== undefined || s.section === undefined)) {
        throw new Error(`${what}: symbol '${s.name}': 'offset' needs 'section' and no 'st_value'`);
      }
      if (s.section === undefined) return s.st_shndx ?? SHN_UNDEF;
      if (s.st_shndx !== undefined) throw new Error(`${what}: symbol '${s.name}' gives both section and st_shndx`);
      return sectionIndex(s.section, `${what}: symbol '${s.name}'`);
    });
    this.needsShndx = this.order.some((s, i) => s.section !== undefined && this.shndx[i]! >= SHN_LORESERVE);
  }

  /** Index of a symbol in the written table; `what` names the referrer in errors. */
  indexOf(ref: SymbolRef, what: () => string): number {
    if (typeof ref !== 'string') {
      const i = this.index.get(ref);
      if (i === undefined) throw new Error(`${what()}: symbol '${ref.name}' is not in ${this.spec.name}`);
      return i;
    }
    if (!this.byName) {
      this.byName = new Map();
      this.order.forEach((s, i) => this.byName!.set(s.name, this.byName!.has(s.name) ? -1 : i + 1));
    }
    const i = this.byName.get(ref);
    if (i === undefined) throw new Error(`${what()}: no symbol '${ref}' in ${this.spec.name}`);
    if (i < 0) throw new Error(`${what()}: several symbols of ${this.spec.name} are named '${ref}' (refer to the symbol object instead)`);
    return i;
  }

  emit(w: ByteWriter, at: Layout): void {
    w.zeros(ELF64_SYM_SIZE);
    this.order.forEach((s, i) => {
      const shndx = this.shndx[i]!;
      const escaped = s.section !== undefined && shndx >= SHN_LORESERVE;
      const value = s.offset === undefined ? s.st_value ?? 0 : s.offset + (this.relative ? at.sh_addr[shndx]! : 0);
      w.u32(this.strings.offsetOf(s.name, s.st_name)).u8(((s.bind ?? STB_LOCAL) << 4) | ((s.type ?? 0) & 0xf)).u8(s.st_other ?? 0);
      w.u16(escaped ? SHN_XINDEX : shndx).u64(value).u64(s.st_size ?? 0);
    });
  }

  emitShndx(w: ByteWriter): void {
    w.u32(0);
    this.order.forEach((s, i) => w.u32(s.section !== undefined && this.shndx[i]! >= SHN_LORESERVE ? this.shndx[i]! : 0));
  }
}
