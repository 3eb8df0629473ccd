import type { ByteReader } from '../binary/index.js';
import { DW_FORM_implicit_const } from './forms/consts.js';

/** One abbreviation declaration, compiled into parallel arrays (attribute, form, implicit constant). */
export interface Abbrev {
  code: number;
  tag: number;
  hasChildren: boolean;
  attrs: Int32Array;
  forms: Int32Array;
  /** DW_FORM_implicit_const values by attribute index (0 where the form is another). */
  implicit: Float64Array;
  /** Offset of the declaration in .debug_abbrev. */
  offset: number;
}

const DENSE_LIMIT = 1 << 16;

/** The abbreviations of one table in .debug_abbrev, by code. */
export class AbbrevTable {
  private readonly dense: (Abbrev | undefined)[] = [];
  private readonly sparse = new Map<number, Abbrev>();
  /** The largest attribute count of any declaration (sizes per-DIE scratch arrays). */
  maxAttrs = 0;

  constructor(readonly offset: number) {}

  get(code: number): Abbrev | undefined {
    return code < DENSE_LIMIT ? this.dense[code] : this.sparse.get(code);
  }

  add(a: Abbrev): boolean {
    if (this.get(a.code)) return false;
    if (a.code < DENSE_LIMIT) this.dense[a.code] = a;
    else this.sparse.set(a.code, a);
    if (a.attrs.length > this.maxAttrs) this.maxAttrs = a.attrs.length;
    return true;
  }
}

/** Parses the table at `offset` of .debug_abbrev (DWARF 5, 7.5.3) up to its terminating 0 code. */
export function parseAbbrevTable(r: ByteReader, offset: number): AbbrevTable {
  const table = new AbbrevTable(offset);
  r.seek(offset);
  const attrs: number[] = [];
  const forms: number[] = [];
  const implicit: number[] = [];
  for (;;) {
    const at = r.pos;
    const code = r.uleb128();
    if (code === 0) return table;
    const tag = r.uleb128();
    const children = r.u8();
    if (children > 1) throw r.error(`abbreviation ${code}: DW_CHILDREN value ${children}`, r.pos - 1);
    attrs.length = forms.length = implicit.length = 0;
    for (;;) {
      const attr = r.uleb128();
      const form = r.uleb128();
      if (attr === 0 && form === 0) break;
      attrs.push(attr);
      forms.push(form);
      implicit.push(form === DW_FORM_implicit_const ? r.sleb128() : 0);
    }
    const abbrev: Abbrev = {
      code, tag, hasChildren: children === 1, offset: at,
      attrs: Int32Array.from(attrs), forms: Int32Array.from(forms), implicit: Float64Array.from(implicit),
    };
    if (!table.add(abbrev)) throw r.error(`abbreviation code ${code} declared twice`, at);
  }
}
