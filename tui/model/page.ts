/** What a view gives the screen: a title, optional column headings and rows made on demand. */
import type { Document } from './document.js';

export type Style = 'dim' | 'accent' | 'address' | 'source' | 'warn' | 'name';

export interface Span {
  text: string;
  style?: Style;
}

export type Line = Span[];

export const VIEWS = ['modules', 'sections', 'symbols', 'disassembly', 'lines', 'dies', 'hex'] as const;
export type ViewName = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<ViewName, string> = {
  modules: 'Modules', sections: 'Sections', symbols: 'Symbols', disassembly: 'Disassembly', lines: 'Lines', dies: 'DIEs', hex: 'Hex',
};

/** Where Enter (or go-to) leads: a view of a document, at an address or a row. */
export type Jump =
  | { view: 'modules'; doc: number }
  | { view: 'sections'; doc: number }
  | { view: 'symbols'; doc: number }
  | { view: 'disassembly'; doc: number; address: number }
  | { view: 'lines'; doc: number; unit: number; address?: number }
  | { view: 'dies'; doc: number; unit: number }
  | { view: 'hex'; doc: number; section: number; address?: number };

/** Code opens in the disassembly, data in the hex view; undefined when no section holds the address. */
export function jumpTo(doc: Document, docIndex: number, address: number): Jump | undefined {
  const section = doc.sectionAt(address);
  if (!section) return undefined;
  return doc.isCode(section) ? { view: 'disassembly', doc: docIndex, address } : { view: 'hex', doc: docIndex, section: section.index, address };
}

export interface Page {
  /** What is shown, after the view's name: the document, a count, the function. */
  title: string;
  columns?: Line;
  count: number;
  row(i: number): Line;
  /** Where Enter on row i leads, if anywhere. */
  open?(i: number): Jump | undefined;
  /** A line for the status bar about row i (e.g. where a call goes). */
  describe?(i: number): string | undefined;
  /** The row to select for `address`, when the page lists addresses. */
  rowOf?(address: number): number;
}

export const text = (t: string, style?: Style): Span => (style ? { text: t, style } : { text: t });

/** A column: `t` cut or padded to `width` characters, then a space. */
export const cell = (t: string, width: number, style?: Style, right = false): Span =>
  text(`${(right ? t.padStart(width) : t.padEnd(width)).slice(0, width)} `, style);

export const hex = (n: number, width = 0): string => `0x${n.toString(16).padStart(width, '0')}`;

/** A line cut to `width` characters: a screen row never wraps. */
export function fit(line: Line, width: number): Line {
  const out: Line = [];
  let left = width;
  for (const span of line) {
    if (left <= 0) break;
    const t = span.text.length > left ? span.text.slice(0, left) : span.text;
    out.push(span.style ? { text: t, style: span.style } : { text: t });
    left -= t.length;
  }
  return out;
}

export const plain = (line: Line): string => line.map((s) => s.text).join('');

/**
 * The title row, `View: title`, in `width` characters. Titles begin with the document's path and
 * end with what matters most (the function and its range): a path that leaves no room for the
 * rest loses its leading directories (`…/fixtures/sqlite3.o`) rather than the rest its tail.
 */
export function titleText(view: string, title: string, width: number): string {
  const full = `${view}: ${title}`;
  const cut = title.indexOf('  ');
  if (full.length <= width || cut <= 0 || !title.slice(0, cut).includes('/')) return full;
  const path = title.slice(0, cut);
  const room = width - full.length + path.length - 1; // for the path's tail after '…'
  const tail = room > 0 ? path.slice(-room) : '';
  const slash = tail.indexOf('/');
  return `${view}: …${slash >= 0 ? tail.slice(slash) : path.slice(path.lastIndexOf('/'))}${title.slice(cut)}`;
}
