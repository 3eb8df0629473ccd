/**
 * Symbols: demangled names (mangled on a key), type, bind, section, address, size; sorted by
 * any column; an incremental filter. Sorting and filtering produce index arrays over the
 * document's symbol list, cached, so a keystroke that narrows the filter only re-tests the
 * rows that matched before.
 */
import { SHN_UNDEF, symbolBindName, symbolShndx, symbolTypeName } from '../../src/index.js';
import type { Document, Symbol } from './document.js';
import { cell, hex, jumpTo, text, type Page } from './page.js';

export const SORT_KEYS = ['address', 'name', 'size', 'type', 'bind', 'section'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SymbolOptions {
  sort: SortKey;
  descending: boolean;
  filter: string;
  mangled: boolean;
}

export const DEFAULT_SYMBOL_OPTIONS: SymbolOptions = { sort: 'address', descending: false, filter: '', mangled: false };

export const symbolName = (s: Symbol, mangled: boolean): string => (mangled ? s.sym.name : s.demangled ?? s.sym.name);

function sectionName(doc: Document, s: Symbol): string {
  const shndx = symbolShndx(s.sym, doc.elf.header);
  return typeof shndx === 'number' ? doc.elf.sections[shndx]?.name ?? String(shndx) : shndx;
}

const compareBy: Record<SortKey, (doc: Document, a: Symbol, b: Symbol) => number> = {
  // Undefined symbols have no address: after the defined ones, not crowding address 0.
  address: (_, a, b) => Number(a.sym.st_shndx === SHN_UNDEF) - Number(b.sym.st_shndx === SHN_UNDEF) || a.address - b.address,
  name: (_, a, b) => {
    const x = symbolName(a, false);
    const y = symbolName(b, false);
    return x < y ? -1 : x > y ? 1 : 0;
  },
  size: (_, a, b) => a.size - b.size,
  type: (_, a, b) => a.sym.type - b.sym.type,
  bind: (_, a, b) => a.sym.bind - b.sym.bind,
  section: (doc, a, b) => {
    const x = sectionName(doc, a);
    const y = sectionName(doc, b);
    return x < y ? -1 : x > y ? 1 : 0;
  },
};

interface Cache {
  /** Bumped when names change (demangling finished), so cached orders and matches are rebuilt. */
  generation: number;
  orders: Map<string, Int32Array>;
  lastFilter?: { key: string; filter: string; rows: Int32Array };
}

const caches = new WeakMap<Document, Cache>();

function cacheOf(doc: Document): Cache {
  let c = caches.get(doc);
  if (!c) caches.set(doc, (c = { generation: 0, orders: new Map() }));
  return c;
}

/** Forget orders and filter results after the names of `doc`'s symbols changed. */
export function namesChanged(doc: Document): void {
  const c = cacheOf(doc);
  c.generation++;
  c.orders.clear();
  c.lastFilter = undefined;
}

/** Symbol indexes in the order asked for; ties keep the address order, then the table's. */
function order(doc: Document, sort: SortKey, descending: boolean): Int32Array {
  const c = cacheOf(doc);
  const key = `${sort}:${descending}`;
  let o = c.orders.get(key);
  if (!o) {
    const list = doc.symbols;
    const cmp = compareBy[sort];
    const sign = descending ? -1 : 1;
    const idx = Array.from(list, (_, i) => i);
    idx.sort((i, j) => sign * cmp(doc, list[i]!, list[j]!) || list[i]!.address - list[j]!.address || i - j);
    o = Int32Array.from(idx);
    c.orders.set(key, o);
  }
  return o;
}

/** Smart case, as in less and ripgrep: a filter with a capital letter is case-sensitive. */
function matcher(filter: string): (name: string) => boolean {
  if (filter !== filter.toLowerCase()) return (n) => n.includes(filter);
  return (n) => n.toLowerCase().includes(filter);
}

/** The rows shown: symbol indexes, sorted and filtered. */
export function symbolRows(doc: Document, o: SymbolOptions): Int32Array {
  const all = order(doc, o.sort, o.descending);
  if (o.filter === '') return all;
  const c = cacheOf(doc);
  const key = `${c.generation}:${o.sort}:${o.descending}:${o.mangled}`;
  const last = c.lastFilter?.key === key ? c.lastFilter : undefined;
  if (last?.filter === o.filter) return last.rows;
  // Typing one more character only narrows (a capital letter too: case-sensitive matches
  // match without case): test just the rows that matched the shorter filter.
  const base = last && o.filter.startsWith(last.filter) ? last.rows : all;
  const match = matcher(o.filter);
  const list = doc.symbols;
  const out = new Int32Array(base.length);
  let n = 0;
  for (let k = 0; k < base.length; k++) {
    const i = base[k]!;
    if (match(symbolName(list[i]!, o.mangled))) out[n++] = i;
  }
  const rows = out.slice(0, n);
  c.lastFilter = { key, filter: o.filter, rows };
  return rows;
}

export function symbolsPage(doc: Document, docIndex: number, o: SymbolOptions): Page {
  const rows = symbolRows(doc, o);
  const list = doc.symbols;
  const h = doc.elf.header;
  const heading = (k: SortKey, label: string, width: number, right = false) =>
    cell(o.sort === k ? `${label}${o.descending ? '▼' : '▲'}` : label, width, o.sort === k ? 'accent' : undefined, right);
  return {
    title: `${doc.name}  ${o.filter ? `${rows.length} of ${list.length}` : rows.length} symbols${o.mangled ? '  (mangled)' : ''}`,
    columns: [heading('address', 'Address', 18), heading('size', 'Size', 7, true), heading('type', 'Type', 7), heading('bind', 'Bind', 6), heading('section', 'Section', 14), heading('name', 'Name', 4)],
    count: rows.length,
    row(k) {
      const s = list[rows[k]!]!;
      return [
        cell(hex(s.address, 16), 18, 'address'),
        cell(String(s.size), 7, undefined, true),
        cell(symbolTypeName(s.sym.type, h), 7),
        cell(symbolBindName(s.sym.bind, h), 6),
        cell(sectionName(doc, s), 14, 'dim'),
        text(symbolName(s, o.mangled), 'name'),
      ];
    },
    open(k) {
      const s = list[rows[k]!]!;
      if (s.sym.st_shndx === SHN_UNDEF) return undefined;
      return jumpTo(doc, docIndex, s.address);
    },
    describe(k) {
      const s = list[rows[k]!]!;
      return o.mangled || s.demangled === undefined || s.demangled === s.sym.name ? undefined : s.sym.name;
    },
  };
}
