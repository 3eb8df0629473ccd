import type { Sections } from './sections.js';
import { readAddress } from './values.js';

/**
 * .debug_str, .debug_line_str, .debug_str_offsets and .debug_addr. Strings are cached by
 * offset: the same names (types, parameters) recur throughout .debug_info.
 */
export class StringSections {
  private readonly cache = new Map<string, Map<number, string>>();

  constructor(private readonly sections: Sections) {}

  /** The string at `offset` of a string section (.debug_str or .debug_line_str). */
  at(section: '.debug_str' | '.debug_line_str', offset: number): string {
    let m = this.cache.get(section);
    if (!m) this.cache.set(section, (m = new Map()));
    let s = m.get(offset);
    if (s === undefined) {
      s = this.sections.reader(section).cstringAt(offset, `${section} string`);
      m.set(offset, s);
    }
    return s;
  }

  /** Entry `index` of the .debug_str_offsets table at `base` (DW_AT_str_offsets_base). */
  offsetAt(base: number, index: number, offsetSize: 4 | 8): number {
    const r = this.sections.reader('.debug_str_offsets');
    const at = base + index * offsetSize;
    return offsetSize === 4 ? r.u32At(at) : r.u64nAt(at, 'string offset');
  }

  /** Entry `index` of the .debug_addr table at `base` (DW_AT_addr_base). */
  addressAt(base: number, index: number, addressSize: number): number {
    const r = this.sections.reader('.debug_addr');
    r.seek(base + index * addressSize);
    return readAddress(r, addressSize);
  }
}
