import { ByteWriter } from '../binary/writer.js';
import {
  DT_NULL, EI_NIDENT, ELF64_DYN_SIZE, ELF64_EHDR_SIZE, ELF64_PHDR_SIZE, ELF64_REL_SIZE, ELF64_RELA_SIZE,
  ELF64_SHDR_SIZE, ELF64_SYM_SIZE, ELFCLASS64, ELFDATA2LSB, ELFMAG, ET_EXEC, ET_REL, EV_CURRENT, GRP_COMDAT,
  PN_XNUM, SHF_ALLOC, SHF_INFO_LINK, SHF_WRITE, SHN_LORESERVE, SHN_XINDEX, SHT_DYNAMIC,
  SHT_DYNSYM, SHT_GROUP, SHT_HASH, SHT_NOBITS, SHT_NULL, SHT_REL, SHT_RELA, SHT_STRTAB, SHT_SYMTAB, SHT_SYMTAB_SHNDX,
} from './consts.js';
import { hashSection, hashSectionSize } from './write-hash.js';
import { layout, type Layout, type LayoutSegment } from './write-layout.js';
import type {
  DynamicSpec, ElfDescription, SectionRef, SectionSpec, SegmentSpec, SymbolTableSpec, SymtabShndxSpec,
} from './write-spec.js';
import { StringTableBuilder } from './write-strtab.js';
import { SymbolTablePlan } from './write-symtab.js';

export type * from './write-spec.js';

/** Writes the described file: one pass reserves every offset, the next writes the bytes. */
export function writeElf(desc: ElfDescription): Uint8Array {
  return new ElfWriter(desc).write();
}

/** A section ready to lay out and write: header fields, and how to emit its contents. */
interface Plan extends Contents {
  name: string;
  sh_flags: bigint;
  sh_addr: number | undefined;
  sh_addralign: number;
  sh_entsize: number;
}

/** What a kind of section decides: its type, links, size and bytes, and its defaults. */
interface Contents {
  sh_type: number;
  sh_link: number;
  sh_info: number;
  size: number;
  emit(w: ByteWriter, at: Layout): void;
}

interface Defaults {
  flags: number;
  align: number;
  entsize: number;
}

const hex = (n: number | bigint): string => `0x${n.toString(16)}`;

/**
 * The writer of one description. The constructor resolves every reference, finishes the
 * string tables and sizes every section; `write` lays the file out and writes it.
 */
export class ElfWriter {
  private readonly specs: SectionSpec[] = [];
  private readonly indexOfSpec = new Map<SectionSpec, number>();
  private readonly indexesOfName = new Map<string, number[]>();
  private readonly strtabs = new Map<number, StringTableBuilder>();
  /** The string table of each symbol table and dynamic section. */
  private readonly strtabOfSpec = new Map<SectionSpec, number>();
  private readonly symtabs = new Map<number, SymbolTablePlan>();
  private readonly shstrtab: number;
  private readonly plans: Plan[];

  constructor(private readonly desc: ElfDescription) {
    for (const spec of desc.sections) this.add(spec);
    for (const spec of desc.sections) if (spec.kind === 'symtab' || spec.kind === 'dynamic') this.strtabOf(spec);
    const relative = desc.header.e_type !== ET_REL;
    for (const spec of desc.sections) {
      if (spec.kind === 'dynamic') {
        const strings = this.strtabs.get(this.strtabOfSpec.get(spec)!)!;
        for (const e of spec.entries) if (typeof e.d_val === 'object' && 'string' in e.d_val) strings.add(e.d_val.string);
      }
      if (spec.kind !== 'symtab') continue;
      const strtab = this.strtabOfSpec.get(spec)!;
      const table = new SymbolTablePlan(spec, strtab, this.strtabs.get(strtab)!, (ref, what) => this.indexOf(ref, what), relative);
      this.symtabs.set(this.indexOf(spec, `symbol table ${spec.name}`), table);
    }
    this.addMissingShndx();
    const shstrtab = this.specs.findIndex((s) => s.kind === 'strtab' && s.name === '.shstrtab');
    if (desc.shstrtab !== undefined) this.shstrtab = this.indexOf(desc.shstrtab, 'the section name table');
    else this.shstrtab = shstrtab >= 0 ? shstrtab + 1 : this.add({ kind: 'strtab', name: '.shstrtab' });
    const names = this.builder(this.shstrtab, 'the section name table');
    for (const s of this.specs) names.add(s.name);
    for (const [, builder] of this.strtabs) builder.finish();
    this.plans = this.specs.map((spec, i) => this.plan(spec, i + 1));
  }

  write(): Uint8Array {
    const at = layout(
      [nullPlan, ...this.plans],
      (this.desc.segments ?? []).map((seg) => this.layoutSegment(seg)),
      { base: this.desc.base ?? (this.desc.header.e_type === ET_EXEC ? 0x400000 : 0), pageSize: this.desc.pageSize ?? 0x1000 },
    );
    const w = new ByteWriter(true, at.fileSize);
    const shnum = this.specs.length + 1;
    this.writeHeader(w, at, shnum);
    for (const seg of at.segments) {
      w.u32(seg.p_type).u32(seg.p_flags).u64(seg.p_offset).u64(seg.p_vaddr).u64(seg.p_paddr);
      w.u64(seg.p_filesz).u64(seg.p_memsz).u64(seg.p_align);
    }
    this.plans.forEach((p, i) => {
      if (p.sh_type === SHT_NOBITS || p.size === 0) return;
      w.seek(at.sh_offset[i + 1]!);
      p.emit(w, at);
      if (w.pos !== at.sh_offset[i + 1]! + p.size) throw new Error(`section ${p.name}: wrote ${w.pos - at.sh_offset[i + 1]!} bytes for a size of ${p.size}`);
    });
    w.seek(at.e_shoff);
    // Section 0 holds the counts that do not fit in the file header (gABI, "Sections").
    this.writeSectionHeader(w, {
      ...nullPlan,
      size: shnum >= SHN_LORESERVE ? shnum : 0,
      sh_link: this.shstrtab >= SHN_LORESERVE ? this.shstrtab : 0,
      sh_info: at.segments.length >= PN_XNUM ? at.segments.length : 0,
    }, 0, 0);
    this.plans.forEach((p, i) => this.writeSectionHeader(w, p, at.sh_offset[i + 1]!, at.sh_addr[i + 1]!));
    return w.take();
  }

  /** Index of a section in the output; throws naming what needs it. */
  private indexOf(ref: SectionRef, what: string): number {
    if (typeof ref !== 'string') {
      const i = this.indexOfSpec.get(ref);
      if (i === undefined) throw new Error(`${what}: refers to a section '${ref.name}' that is not in the description`);
      return i;
    }
    const found = this.indexesOfName.get(ref);
    if (!found) throw new Error(`${what}: no section named '${ref}'`);
    if (found.length > 1) throw new Error(`${what}: ${found.length} sections are named '${ref}' (refer to the section object instead)`);
    return found[0]!;
  }

  private add(spec: SectionSpec): number {
    if (this.indexOfSpec.has(spec)) throw new Error(`section ${spec.name}: the same object is listed twice`);
    this.specs.push(spec);
    const index = this.specs.length;
    this.indexOfSpec.set(spec, index);
    const same = this.indexesOfName.get(spec.name);
    if (same) same.push(index);
    else this.indexesOfName.set(spec.name, [index]);
    return index;
  }

  /** Resolves the string table of a symbol table or .dynamic; a missing .strtab is appended. */
  private strtabOf(spec: SymbolTableSpec | DynamicSpec): void {
    const dynamic = spec.kind === 'dynamic' || spec.sh_type === SHT_DYNSYM;
    const ref = spec.strtab ?? (dynamic ? '.dynstr' : '.strtab');
    const what = `section ${spec.name}`;
    const index = ref === '.strtab' && !this.indexesOfName.has(ref) ? this.add({ kind: 'strtab', name: ref }) : this.indexOf(ref, what);
    this.builder(index, what);
    this.strtabOfSpec.set(spec, index);
  }

  /** The builder of string table `index`, which must be a `strtab` section. */
  private builder(index: number, what: string): StringTableBuilder {
    const spec = this.specs[index - 1]!;
    if (spec.kind !== 'strtab') throw new Error(`${what}: its string table ${spec.name} is not a 'strtab' section`);
    let builder = this.strtabs.get(index);
    if (!builder) this.strtabs.set(index, (builder = new StringTableBuilder(spec.name, spec.strings)));
    return builder;
  }

  /** Adds `.symtab_shndx` for a symbol table that needs one and has none. */
  private addMissingShndx(): void {
    const covered = new Set(this.specs.filter((s): s is SymtabShndxSpec => s.kind === 'symtab_shndx').map((s) => this.symtabFor(s.symtab, s.name)));
    for (const [index, table] of this.symtabs) {
      if (table.needsShndx && !covered.has(index)) this.add({ kind: 'symtab_shndx', name: `${table.spec.name}_shndx`, symtab: table.spec });
    }
  }

  /** The symbol table a section refers to: given (null: none), or the only one of the file. */
  private symtabFor(ref: SectionRef | null | undefined, name: string, fallback?: string): number {
    const what = `section ${name}`;
    if (ref === null) return 0;
    if (ref === undefined && fallback === undefined) {
      if (this.symtabs.size > 1) throw new Error(`${what}: the file has ${this.symtabs.size} symbol tables; say which one it refers to`);
      return this.symtabs.keys().next().value ?? 0;
    }
    const index = this.indexOf(ref ?? fallback!, what);
    if (!this.symtabs.has(index)) throw new Error(`${what}: ${this.specs[index - 1]!.name} is not a symbol table`);
    return index;
  }

  private symbols(index: number, what: string): SymbolTablePlan {
    const table = this.symtabs.get(index);
    if (!table) throw new Error(`${what}: needs a symbol table`);
    return table;
  }

  private plan(spec: SectionSpec, index: number): Plan {
    const what = `section ${spec.name}`;
    const defaults: Defaults = { flags: 0, align: 1, entsize: 0 };
    const c = this.contents(spec, index, what, defaults);
    return {
      name: spec.name,
      sh_type: c.sh_type,
      sh_flags: BigInt(spec.sh_flags ?? defaults.flags),
      sh_addr: spec.sh_addr,
      sh_addralign: checkAlign(spec.sh_addralign ?? defaults.align, what),
      sh_entsize: spec.sh_entsize ?? defaults.entsize,
      sh_link: c.sh_link,
      sh_info: c.sh_info,
      size: c.size,
      emit: c.emit,
    };
  }

  /** What the kind of section decides; sets `defaults` where they differ from 0, 1, 0. */
  private contents(spec: SectionSpec, index: number, what: string, defaults: Defaults): Contents {
    switch (spec.kind) {
      case undefined: {
        const nobits = spec.sh_type === SHT_NOBITS;
        if (nobits && spec.data) throw new Error(`${what}: SHT_NOBITS has no data (give its size)`);
        if (!nobits && spec.size !== undefined && spec.size !== (spec.data?.length ?? 0)) throw new Error(`${what}: size ${spec.size} differs from its data (${spec.data?.length ?? 0} bytes)`);
        const data = spec.data ?? new Uint8Array(0);
        return {
          sh_type: spec.sh_type, sh_link: this.field(spec.sh_link, what), sh_info: this.field(spec.sh_info, what),
          size: nobits ? spec.size ?? 0 : data.length,
          emit: (w) => { w.bytes(data); },
        };
      }
      case 'strtab': {
        const bytes = this.strtabs.get(index)!.finish();
        return { sh_type: SHT_STRTAB, sh_link: 0, sh_info: 0, size: bytes.length, emit: (w) => { w.bytes(bytes); } };
      }
      case 'symtab': {
        const table = this.symtabs.get(index)!;
        const dynamic = (spec.sh_type ?? SHT_SYMTAB) === SHT_DYNSYM;
        Object.assign(defaults, { flags: dynamic ? SHF_ALLOC : 0, align: 8, entsize: ELF64_SYM_SIZE });
        return {
          sh_type: spec.sh_type ?? SHT_SYMTAB, sh_link: table.strtab, sh_info: table.firstGlobal,
          size: (table.order.length + 1) * ELF64_SYM_SIZE,
          emit: (w, at) => table.emit(w, at),
        };
      }
      case 'rela':
      case 'rel': {
        const symtab = this.symtabFor(spec.symtab, spec.name);
        const rela = spec.kind === 'rela';
        const entsize = rela ? ELF64_RELA_SIZE : ELF64_REL_SIZE;
        const syms = spec.relocations.map((r) => (r.sym === undefined ? 0 : this.symbols(symtab, what).indexOf(r.sym, () => `${what}: relocation at ${hex(r.r_offset)}`)));
        Object.assign(defaults, { flags: spec.target === undefined ? 0 : SHF_INFO_LINK, align: 8, entsize });
        return {
          sh_type: rela ? SHT_RELA : SHT_REL, sh_link: symtab, sh_info: spec.target === undefined ? 0 : this.indexOf(spec.target, what),
          size: spec.relocations.length * entsize,
          emit: (w) => {
            spec.relocations.forEach((r, i) => {
              w.u64(r.r_offset).u32(r.type).u32(syms[i]!);
              if (rela) w.u64(r.r_addend ?? 0);
            });
          },
        };
      }
      case 'group': {
        const symtab = this.symtabFor(spec.symtab, spec.name);
        const members = spec.members.map((m) => this.indexOf(m, what));
        Object.assign(defaults, { align: 4, entsize: 4 });
        return {
          sh_type: SHT_GROUP, sh_link: symtab, sh_info: this.symbols(symtab, what).indexOf(spec.signature, () => `${what}: signature`),
          size: 4 * (members.length + 1),
          emit: (w) => {
            w.u32(spec.flags ?? GRP_COMDAT);
            for (const m of members) w.u32(m);
          },
        };
      }
      case 'hash': {
        const symtab = this.symtabFor(spec.symtab, spec.name, '.dynsym');
        const names = ['', ...this.symbols(symtab, what).order.map((s) => s.name)];
        Object.assign(defaults, { flags: SHF_ALLOC, align: 8, entsize: 4 });
        return { sh_type: SHT_HASH, sh_link: symtab, sh_info: 0, size: hashSectionSize(names), emit: (w) => { w.bytes(hashSection(names)); } };
      }
      case 'dynamic': {
        const strtab = this.strtabOfSpec.get(spec)!;
        const strings = this.strtabs.get(strtab)!;
        const last = spec.entries.at(-1)?.d_tag;
        const entries = last !== undefined && BigInt(last) === BigInt(DT_NULL) ? spec.entries : [...spec.entries, { d_tag: DT_NULL, d_val: 0 }];
        const targets = entries.map((e) => (typeof e.d_val !== 'object' || 'string' in e.d_val ? 0
          : this.indexOf('addressOf' in e.d_val ? e.d_val.addressOf : e.d_val.sizeOf, `${what}: d_tag ${e.d_tag}`)));
        Object.assign(defaults, { flags: SHF_WRITE | SHF_ALLOC, align: 8, entsize: ELF64_DYN_SIZE });
        return {
          sh_type: SHT_DYNAMIC, sh_link: strtab, sh_info: 0, size: entries.length * ELF64_DYN_SIZE,
          emit: (w, at) => {
            entries.forEach((e, i) => {
              const v = e.d_val;
              w.u64(e.d_tag);
              if (typeof v !== 'object') w.u64(v);
              else if ('string' in v) w.u64(strings.offsetOf(v.string));
              else if ('addressOf' in v) w.u64(at.sh_addr[targets[i]!]!);
              else w.u64(this.plans[targets[i]! - 1]!.size);
            });
          },
        };
      }
      case 'symtab_shndx': {
        const symtab = this.symtabFor(spec.symtab, spec.name);
        const table = this.symbols(symtab, what);
        Object.assign(defaults, { align: 4, entsize: 4 });
        return { sh_type: SHT_SYMTAB_SHNDX, sh_link: symtab, sh_info: 0, size: (table.order.length + 1) * 4, emit: (w) => table.emitShndx(w) };
      }
    }
  }

  /** sh_link / sh_info given as a number or a reference. */
  private field(v: number | SectionRef | undefined, what: string): number {
    return v === undefined ? 0 : typeof v === 'number' ? v : this.indexOf(v, what);
  }

  private layoutSegment(seg: SegmentSpec): LayoutSegment {
    const what = `segment p_type ${hex(seg.p_type)}`;
    return { ...seg, sections: (seg.sections ?? []).map((s) => this.indexOf(s, what)), headers: seg.headers ?? false };
  }

  private writeHeader(w: ByteWriter, at: Layout, shnum: number): void {
    const h = this.desc.header;
    w.bytes(ELFMAG).u8(ELFCLASS64).u8(ELFDATA2LSB).u8(EV_CURRENT).u8(h.ei_osabi ?? 0).u8(h.ei_abiversion ?? 0);
    w.zeros(EI_NIDENT - w.pos);
    w.u16(h.e_type).u16(h.e_machine).u32(EV_CURRENT).u64(h.e_entry ?? 0).u64(at.e_phoff).u64(at.e_shoff);
    w.u32(h.e_flags ?? 0).u16(ELF64_EHDR_SIZE).u16(at.segments.length ? ELF64_PHDR_SIZE : 0);
    w.u16(Math.min(at.segments.length, PN_XNUM)).u16(ELF64_SHDR_SIZE);
    w.u16(shnum >= SHN_LORESERVE ? 0 : shnum).u16(this.shstrtab >= SHN_LORESERVE ? SHN_XINDEX : this.shstrtab);
  }

  private writeSectionHeader(w: ByteWriter, p: Omit<Plan, 'emit'>, sh_offset: number, sh_addr: number): void {
    const name = p.sh_type === SHT_NULL && p.name === '' ? 0 : this.strtabs.get(this.shstrtab)!.offsetOf(p.name);
    w.u32(name).u32(p.sh_type).u64(p.sh_flags).u64(sh_addr).u64(sh_offset).u64(p.size);
    w.u32(p.sh_link).u32(p.sh_info).u64(p.sh_addralign).u64(p.sh_entsize);
  }
}

/** Section 0: also where the counts go that do not fit in the file header. */
const nullPlan = {
  name: '', sh_type: SHT_NULL, sh_flags: 0n, sh_addr: undefined, sh_addralign: 0, sh_entsize: 0, sh_link: 0, sh_info: 0, size: 0,
};

function checkAlign(a: number, what: string): number {
  if (!(a === 0 || (Number.isSafeInteger(a) && a > 0 && Number.isInteger(Math.log2(a))))) {
    throw new Error(`${what}: sh_addralign ${a} is not 0 or a power of two`);
  }
  return a;
}
