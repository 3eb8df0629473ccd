import type { ByteReader } from '../binary/index.js';
import type { Abbrev, AbbrevTable } from './abbrev.js';
import type { Dwarf } from './dwarf.js';
import { readFormValue, type AttrValue, type FormContext } from './form.js';
import * as C from './forms/consts.js';
import { readInitialLength, readOffset } from './initial-length.js';
import { skipLeb128 } from './leb.js';

export type { AttrValue } from './form.js';

/** Section offsets a unit's root DIE gives to the forms that index other sections. */
export interface UnitBases {
  strOffsetsBase: number;
  addrBase: number;
  rnglistsBase: number;
  loclistsBase: number;
  /** The unit's base address: DW_AT_low_pc of the root DIE, else 0. */
  lowPc: number;
}

interface DieTree {
  offsets: number[];
  parents: number[];
  nextSiblings: number[];
}

/**
 * One unit of .debug_info or .debug_types (DWARF 5, 7.5.1): its header, and DIEs decoded on
 * demand. Only the header is read when the unit is listed.
 */
export class Unit implements FormContext {
  readonly r: ByteReader;
  /** 4 for 32-bit DWARF, 8 for 64-bit DWARF. */
  readonly offsetSize: 4 | 8;
  readonly version: number;
  /** DW_UT_* (for DWARF 2-4: DW_UT_compile, or DW_UT_type in .debug_types). */
  readonly unitType: number;
  readonly addressSize: number;
  readonly abbrevOffset: number;
  /** Offset of the first DIE. */
  readonly dieOffset: number;
  /** Offset just past the unit. */
  readonly end: number;
  readonly typeSignature?: bigint;
  /** Absolute offset of the type DIE of a type unit. */
  readonly typeOffset?: number;
  readonly dwoId?: bigint;
  private abbrevTable?: AbbrevTable;
  private unitBases?: UnitBases;
  private tree?: DieTree;
  private sizes?: Int8Array;

  constructor(
    readonly dwarf: Dwarf,
    readonly section: '.debug_info' | '.debug_types',
    /** Offset of the unit header in its section. */
    readonly offset: number,
  ) {
    const r = (this.r = dwarf.sections.reader(section));
    r.seek(offset);
    const { offsetSize, end } = readInitialLength(r, 'unit');
    this.offsetSize = offsetSize;
    this.end = end;
    this.version = r.u16();
    if (this.version < 2 || this.version > 5) throw r.error(`unsupported DWARF version ${this.version}`, r.pos - 2);
    if (this.version >= 5) {
      const typeAt = r.pos;
      this.unitType = r.u8();
      this.addressSize = r.u8();
      this.abbrevOffset = readOffset(r, this.offsetSize);
      switch (this.unitType) {
        case C.DW_UT_compile:
        case C.DW_UT_partial:
          break;
        case C.DW_UT_type:
        case C.DW_UT_split_type:
          this.typeSignature = r.u64();
          this.typeOffset = offset + readOffset(r, this.offsetSize);
          break;
        case C.DW_UT_skeleton:
        case C.DW_UT_split_compile:
          this.dwoId = r.u64();
          break;
        default:
          throw r.error(`unknown unit type 0x${this.unitType.toString(16)}`, typeAt);
      }
    } else {
      this.abbrevOffset = readOffset(r, this.offsetSize);
      this.addressSize = r.u8();
      if (section === '.debug_types') {
        this.unitType = C.DW_UT_type;
        this.typeSignature = r.u64();
        this.typeOffset = offset + readOffset(r, this.offsetSize);
      } else {
        this.unitType = C.DW_UT_compile;
      }
    }
    if (![1, 2, 4, 8].includes(this.addressSize)) throw r.error(`address size ${this.addressSize}`, offset);
    if (r.pos > this.end) throw r.error('unit header runs past the end of the unit', offset);
    this.dieOffset = r.pos;
  }

  get abbrevs(): AbbrevTable {
    return (this.abbrevTable ??= this.dwarf.abbrevTable(this.abbrevOffset));
  }

  /** Size of DW_FORM_ref_addr: the address size in DWARF 2, the offset size later. */
  get refAddrSize(): number {
    return this.version <= 2 ? this.addressSize : this.offsetSize;
  }

  /** The root DIE (DW_TAG_compile_unit, DW_TAG_type_unit...). */
  root(): Die {
    const die = new Die(this);
    if (!die.read(this.dieOffset)) throw this.r.error('unit has no root DIE', this.dieOffset);
    return die;
  }

  /** The DIE at absolute `offset` (which must start a DIE of this unit). */
  dieAt(offset: number): Die {
    if (!(offset >= this.dieOffset && offset < this.end)) throw this.r.error(`DIE offset 0x${offset.toString(16)} is outside its unit`, this.offset);
    const die = new Die(this);
    if (!die.read(offset)) throw this.r.error('reference to a null entry', offset);
    return die;
  }

  get bases(): UnitBases {
    if (this.unitBases) return this.unitBases;
    const v5 = this.version >= 5;
    const header = this.offsetSize === 4 ? 8 : 16;
    const bases: UnitBases = {
      strOffsetsBase: v5 ? header : 0,
      addrBase: v5 ? header : 0,
      rnglistsBase: v5 ? header + 4 : 0,
      loclistsBase: v5 ? header + 4 : 0,
      lowPc: 0,
    };
    this.unitBases = bases;
    const root = this.root();
    const { attrs, forms } = root.abbrev;
    for (let i = 0; i < attrs.length; i++) {
      if (forms[i] !== C.DW_FORM_sec_offset && forms[i] !== C.DW_FORM_data4 && forms[i] !== C.DW_FORM_data8) continue;
      const v = root.number(i);
      switch (attrs[i]) {
        case C.DW_AT_str_offsets_base: bases.strOffsetsBase = v; break;
        case C.DW_AT_addr_base: case C.DW_AT_GNU_addr_base: bases.addrBase = v; break;
        case C.DW_AT_rnglists_base: case C.DW_AT_GNU_ranges_base: bases.rnglistsBase = v; break;
        case C.DW_AT_loclists_base: bases.loclistsBase = v; break;
      }
    }
    const low = root.find(C.DW_AT_low_pc);
    if (low >= 0) bases.lowPc = root.address(low);
    return bases;
  }

  /**
   * The entries of the unit in order, null entries left out: offsets, and by index each one's
   * parent and next sibling (-1 for none), from one walk of the unit on first use. Arrays of
   * numbers rather than maps: a unit can hold hundreds of thousands of entries.
   */
  private get dieTree(): DieTree {
    if (this.tree) return this.tree;
    const tree: DieTree = { offsets: [], parents: [], nextSiblings: [] };
    const { offsets, parents, nextSiblings } = tree;
    // The index of the last entry seen at each depth.
    const last: number[] = [];
    this.walk((die) => {
      if (die.isNull) return;
      const i = offsets.length;
      const parent = die.depth === 0 ? -1 : last[die.depth - 1]!;
      const previous = last[die.depth];
      if (previous !== undefined && parents[previous] === parent) nextSiblings[previous] = i;
      offsets.push(die.offset);
      parents.push(parent);
      nextSiblings.push(-1);
      last[die.depth] = i;
    });
    return (this.tree = tree);
  }

  /** The index of the entry at `offset` in dieTree, or -1. */
  private treeIndex(offset: number): number {
    const offsets = this.dieTree.offsets;
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = offsets[mid]!;
      if (at < offset) lo = mid + 1;
      else if (at > offset) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** The parent of `die`, or undefined for the root. */
  parentOf(die: Die): Die | undefined {
    const i = this.treeIndex(die.offset);
    const parent = i < 0 ? -1 : this.dieTree.parents[i]!;
    return parent < 0 ? undefined : this.dieAt(this.dieTree.offsets[parent]!);
  }

  /** The children of `die`, in order, without the null entry that ends them. */
  childrenOf(die: Die): Die[] {
    const i = this.treeIndex(die.offset);
    const { offsets, parents, nextSiblings } = this.dieTree;
    const out: Die[] = [];
    if (i < 0 || parents[i + 1] !== i) return out;
    for (let c = i + 1; c >= 0; c = nextSiblings[c]!) out.push(this.dieAt(offsets[c]!));
    return out;
  }

  /**
   * Visits the entries of the unit in order, null entries included (die.isNull), from the
   * entry at `from` (default: the root); with `subtree`, only that entry and its descendants.
   * The Die is reused from call to call: clone() it to keep it. Returning false from `visit`
   * stops. The walk is iterative, so deep nesting costs no stack.
   */
  walk(visit: (die: Die) => boolean | void, from = this.dieOffset, subtree = false): void {
    const die = new Die(this);
    let offset = from;
    let depth = 0;
    while (offset < this.end) {
      const present = die.read(offset);
      die.depth = depth;
      if (visit(die) === false) return;
      offset = die.end;
      if (present && die.abbrev.hasChildren) depth++;
      else if (!present && depth > 0) depth--;
      if (subtree && depth === 0) return;
    }
  }

  /**
   * The size of a value of `form` when the form and the unit's sizes fix it (DW_FORM_data4,
   * strp, addr...), else -1 (strings, blocks, LEB128s, indirect and unknown forms).
   */
  fixedSize(form: number): number {
    switch (form) {
      case C.DW_FORM_addr: return this.addressSize;
      case C.DW_FORM_data1: case C.DW_FORM_ref1: case C.DW_FORM_flag: case C.DW_FORM_strx1: case C.DW_FORM_addrx1: return 1;
      case C.DW_FORM_data2: case C.DW_FORM_ref2: case C.DW_FORM_strx2: case C.DW_FORM_addrx2: return 2;
      case C.DW_FORM_strx3: case C.DW_FORM_addrx3: return 3;
      case C.DW_FORM_data4: case C.DW_FORM_ref4: case C.DW_FORM_strx4: case C.DW_FORM_addrx4: case C.DW_FORM_ref_sup4: return 4;
      case C.DW_FORM_data8: case C.DW_FORM_ref8: case C.DW_FORM_ref_sig8: case C.DW_FORM_ref_sup8: return 8;
      case C.DW_FORM_data16: return 16;
      case C.DW_FORM_strp: case C.DW_FORM_line_strp: case C.DW_FORM_sec_offset: case C.DW_FORM_strp_sup:
      case C.DW_FORM_GNU_ref_alt: case C.DW_FORM_GNU_strp_alt:
        return this.offsetSize;
      case C.DW_FORM_ref_addr: return this.refAddrSize;
      case C.DW_FORM_flag_present: case C.DW_FORM_implicit_const: return 0;
      default: return -1;
    }
  }

  /** fixedSize of the DWARF 5 forms (codes below 0x2d), by code: looked up for every attribute of every DIE. */
  get formSizes(): Int8Array {
    return (this.sizes ??= Int8Array.from({ length: 0x2d }, (_, form) => this.fixedSize(form)));
  }

  /**
   * The position after a value of `form` at `pos`; throws when the value runs past the unit.
   * This is the hot path of DIE decoding: no value is materialized.
   */
  skipForm(form: number, pos: number): number {
    const r = this.r;
    for (;;) {
      const size = this.fixedSize(form);
      let next: number;
      if (size >= 0) {
        next = pos + size;
      } else {
        switch (form) {
          case C.DW_FORM_string: {
            const nul = r.bytes.indexOf(0, pos);
            if (nul < 0 || nul >= this.end) throw r.error('DW_FORM_string runs past the end of its unit', pos);
            return nul + 1;
          }
          case C.DW_FORM_block1: next = pos + 1 + this.fixedAt(pos, 1); break;
          case C.DW_FORM_block2: next = pos + 2 + this.fixedAt(pos, 2); break;
          case C.DW_FORM_block4: next = pos + 4 + this.fixedAt(pos, 4); break;
          case C.DW_FORM_block: case C.DW_FORM_exprloc: {
            r.pos = pos;
            const len = r.uleb128();
            next = r.pos + len;
            break;
          }
          case C.DW_FORM_udata: case C.DW_FORM_sdata: case C.DW_FORM_ref_udata: case C.DW_FORM_strx: case C.DW_FORM_addrx:
          case C.DW_FORM_rnglistx: case C.DW_FORM_loclistx: case C.DW_FORM_GNU_addr_index: case C.DW_FORM_GNU_str_index:
            return skipLeb128(r, pos, this.end);
          case C.DW_FORM_indirect: {
            r.pos = pos;
            form = r.uleb128();
            pos = r.pos;
            if (pos > this.end) throw r.error('DW_FORM_indirect runs past the end of its unit', pos);
            continue;
          }
          default:
            throw r.error(`unknown form 0x${form.toString(16)}`, pos);
        }
      }
      if (next > this.end) throw r.error(`${C.nameOrUnknown('FORM', form)} value runs past the end of its unit`, pos);
      return next;
    }
  }

  private fixedAt(pos: number, size: number): number {
    if (pos + size > this.end) throw this.r.error('block length runs past the end of its unit', pos);
    return size === 1 ? this.r.u8At(pos) : size === 2 ? this.r.u16At(pos) : this.r.u32At(pos);
  }

  /** The value of `form` at `pos` (see readFormValue). */
  readValue(form: number, pos: number, implicit: number): AttrValue {
    this.r.pos = pos;
    return readFormValue(this.r, form, this, implicit);
  }

  /** Address `index` of this unit's .debug_addr table. */
  addrx(index: number): number {
    return this.dwarf.strings.addressAt(this.bases.addrBase, index, this.addressSize);
  }

  /** String `index` of this unit's .debug_str_offsets table. */
  strx(index: number): string {
    const off = this.dwarf.strings.offsetAt(this.bases.strOffsetsBase, index, this.offsetSize);
    return this.dwarf.strings.at('.debug_str', off);
  }
}

const EMPTY = new Float64Array(0);

/**
 * One debugging information entry: its abbreviation and the positions of its attribute
 * values, which are decoded only when asked for. `read` re-points the same object at another
 * entry, so walking a unit allocates nothing per entry.
 */
export class Die {
  offset = 0;
  /** Offset just past this entry's attributes (where its first child or next sibling starts). */
  end = 0;
  depth = 0;
  abbrev!: Abbrev;
  isNull = false;
  /** Position of each attribute's value, by attribute index. */
  pos: Float64Array = EMPTY;

  constructor(readonly unit: Unit) {}

  get tag(): number {
    return this.isNull ? 0 : this.abbrev.tag;
  }

  /** Reads the entry at `offset`; false for a null entry (end of a sibling list). */
  read(offset: number): boolean {
    const unit = this.unit;
    const r = unit.r;
    this.offset = offset;
    r.pos = offset;
    const code = r.uleb128();
    if (r.pos > unit.end) throw r.error('abbreviation code runs past the end of its unit', offset);
    if (code === 0) {
      this.isNull = true;
      this.end = r.pos;
      return false;
    }
    const abbrev = unit.abbrevs.get(code);
    if (!abbrev) throw r.error(`unknown abbreviation code ${code}`, offset);
    this.isNull = false;
    this.abbrev = abbrev;
    const forms = abbrev.forms;
    const n = forms.length;
    if (this.pos.length < n) this.pos = new Float64Array(Math.max(n, unit.abbrevs.maxAttrs));
    const pos = this.pos;
    const sizes = unit.formSizes;
    const end = unit.end;
    let p = r.pos;
    for (let i = 0; i < n; i++) {
      pos[i] = p;
      // A fixed size within the unit is added; skipForm reads the others, and throws for a value past the end.
      const size = sizes[forms[i]!] ?? -1;
      if (size >= 0 && p + size <= end) p += size;
      else p = unit.skipForm(forms[i]!, p);
    }
    this.end = p;
    return true;
  }

  /** An independent copy (walk reuses its Die). */
  clone(): Die {
    const d = new Die(this.unit);
    d.offset = this.offset;
    d.end = this.end;
    d.depth = this.depth;
    d.abbrev = this.abbrev;
    d.isNull = this.isNull;
    d.pos = this.pos.slice(0, this.isNull ? 0 : this.abbrev.forms.length);
    return d;
  }

  /** Index of attribute `at` (DW_AT_*), or -1. */
  find(at: number): number {
    if (this.isNull) return -1;
    const attrs = this.abbrev.attrs;
    for (let i = 0; i < attrs.length; i++) if (attrs[i] === at) return i;
    return -1;
  }

  /** The form of attribute `i`, with DW_FORM_indirect resolved. */
  form(i: number): number {
    const f = this.abbrev.forms[i]!;
    if (f !== C.DW_FORM_indirect) return f;
    const r = this.unit.r;
    r.pos = this.pos[i]!;
    let form = f;
    while (form === C.DW_FORM_indirect) form = r.uleb128();
    return form;
  }

  /** Attribute `i` decoded by its form (see readFormValue). */
  value(i: number): AttrValue {
    return this.unit.readValue(this.abbrev.forms[i]!, this.pos[i]!, this.abbrev.implicit[i]!);
  }

  /** Attribute `i` as a number: any integer form, with a FormatError if it is not one. */
  number(i: number): number {
    const v = this.value(i);
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') {
      if (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
      // A 64-bit address-like constant: keep the representation of values.ts (negative near 2^64).
      const signed = BigInt.asIntN(64, v);
      if (signed >= -BigInt(Number.MAX_SAFE_INTEGER) && signed < 0n) return Number(signed);
    }
    throw this.unit.r.error(`${C.nameOrUnknown('AT', this.abbrev.attrs[i]!)}: ${C.nameOrUnknown('FORM', this.form(i))} is not an integer here`, this.pos[i]!);
  }

  /** Attribute `i` as an address (DW_FORM_addr, addrx*; other integer forms taken as is). */
  address(i: number): number {
    return this.number(i);
  }

  /** The string value of attribute `at`, or undefined when absent or not a string. */
  string(at: number): string | undefined {
    const i = this.find(at);
    if (i < 0) return undefined;
    const v = this.value(i);
    return typeof v === 'string' ? v : undefined;
  }

  /** The integer value of attribute `at`, or undefined when absent. */
  numberOf(at: number): number | undefined {
    const i = this.find(at);
    return i < 0 ? undefined : this.number(i);
  }

  /** True when flag attribute `at` is present and set. */
  flag(at: number): boolean {
    const i = this.find(at);
    return i >= 0 && this.value(i) === true;
  }

  /**
   * The DIE that reference attribute `at` points to, or undefined when absent. Follows
   * DW_FORM_ref_addr across units and DW_FORM_ref_sig8 to type units.
   */
  ref(at: number): Die | undefined {
    const i = this.find(at);
    return i < 0 ? undefined : this.refAt(i);
  }

  /** The DIE that attribute `i`, a reference, points to (see ref). */
  refAt(i: number): Die | undefined {
    const form = this.form(i);
    const v = this.value(i);
    if (form === C.DW_FORM_ref_sig8) {
      const tu = this.unit.dwarf.typeUnit(v as bigint);
      return tu && tu.typeOffset !== undefined ? tu.dieAt(tu.typeOffset) : undefined;
    }
    if (form === C.DW_FORM_GNU_ref_alt || form === C.DW_FORM_ref_sup4 || form === C.DW_FORM_ref_sup8) return undefined;
    if (typeof v !== 'number') throw this.unit.r.error(`${C.nameOrUnknown('AT', this.abbrev.attrs[i]!)} is not a reference`, this.pos[i]!);
    if (form === C.DW_FORM_ref_addr) {
      const unit = this.unit.dwarf.unitContaining(v, this.unit.section);
      return unit?.dieAt(v);
    }
    return this.unit.dieAt(v);
  }

  /** [low, high) from DW_AT_low_pc and DW_AT_high_pc (an address, or a length since DWARF 4). */
  lowHigh(): { low: number; high: number } | undefined {
    const lo = this.find(C.DW_AT_low_pc);
    const hi = this.find(C.DW_AT_high_pc);
    if (lo < 0 || hi < 0) return undefined;
    const low = this.address(lo);
    const form = this.form(hi);
    const high = isAddressForm(form) ? this.address(hi) : low + this.number(hi);
    return { low, high };
  }
}

/** DW_FORM_addr and the forms that index .debug_addr. */
export function isAddressForm(form: number): boolean {
  return form === C.DW_FORM_addr || form === C.DW_FORM_addrx || form === C.DW_FORM_addrx1 || form === C.DW_FORM_addrx2 || form === C.DW_FORM_addrx3
    || form === C.DW_FORM_addrx4 || form === C.DW_FORM_GNU_addr_index;
}
