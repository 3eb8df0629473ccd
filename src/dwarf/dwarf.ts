import { parseAbbrevTable, type AbbrevTable } from './abbrev.js';
import { Unit } from './info.js';
import { LineProgram } from './line.js';
import { Sections, type DwarfOptions, type SectionGetter } from './sections.js';
import { StringSections } from './str.js';

/**
 * The debugging information of one input, read from a section getter (gimli's pattern): an
 * object file, an executable, a debug image or memory of a live process alike. Everything is
 * decoded lazily and cached: listing units reads only their headers, and a query touches only
 * the units, line programs and lists it needs.
 */
export class Dwarf {
  readonly sections: Sections;
  readonly strings: StringSections;
  private readonly abbrevTables = new Map<number, AbbrevTable>();
  private readonly linePrograms = new Map<number, LineProgram>();
  private readonly unitLists = new Map<string, Unit[]>();
  private signatures?: Map<bigint, Unit>;

  constructor(get: SectionGetter, options: DwarfOptions = {}) {
    this.sections = new Sections(get, options);
    this.strings = new StringSections(this.sections);
  }

  get options(): DwarfOptions {
    return this.sections.options;
  }

  abbrevTable(offset: number): AbbrevTable {
    let t = this.abbrevTables.get(offset);
    if (!t) {
      t = parseAbbrevTable(this.sections.reader('.debug_abbrev'), offset);
      this.abbrevTables.set(offset, t);
    }
    return t;
  }

  /** The units of .debug_info (or of DWARF 4's .debug_types), headers only. */
  units(section: '.debug_info' | '.debug_types' = '.debug_info'): Unit[] {
    let list = this.unitLists.get(section);
    if (!list) {
      list = [];
      const length = this.sections.reader(section).length;
      for (let offset = 0; offset < length; ) {
        const unit = new Unit(this, section, offset);
        list.push(unit);
        offset = unit.end;
      }
      this.unitLists.set(section, list);
    }
    return list;
  }

  /** The unit whose extent contains `offset`, or undefined. */
  unitContaining(offset: number, section: '.debug_info' | '.debug_types' = '.debug_info'): Unit | undefined {
    const list = this.units(section);
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const u = list[mid]!;
      if (offset < u.offset) hi = mid - 1;
      else if (offset >= u.end) lo = mid + 1;
      else return u;
    }
    return undefined;
  }

  /** The type unit with signature `sig` (DW_FORM_ref_sig8), in .debug_info or .debug_types. */
  typeUnit(sig: bigint): Unit | undefined {
    if (!this.signatures) {
      this.signatures = new Map();
      for (const u of [...this.units('.debug_info'), ...this.units('.debug_types')]) {
        if (u.typeSignature !== undefined && !this.signatures.has(u.typeSignature)) this.signatures.set(u.typeSignature, u);
      }
    }
    return this.signatures.get(sig);
  }

  /** The line program at `offset` of .debug_line (header parsed; rows decoded on demand). */
  lineProgram(offset: number, unit?: Unit): LineProgram {
    let p = this.linePrograms.get(offset);
    if (!p) {
      p = new LineProgram(this, offset, unit);
      this.linePrograms.set(offset, p);
    }
    return p;
  }

  /** Every line program of .debug_line, in section order. */
  allLinePrograms(): LineProgram[] {
    const out: LineProgram[] = [];
    const length = this.sections.reader('.debug_line').length;
    for (let offset = 0; offset < length; ) {
      const p = this.lineProgram(offset);
      out.push(p);
      offset = p.end;
    }
    return out;
  }
}
