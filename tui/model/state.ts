/**
 * The inspector as a pure state machine: `update(state, key)` is everything a key does, and
 * `pageOf(state)` is what the screen shows. The ink components only render and forward keys.
 */
import type { Disassembler, Unit } from '../../src/index.js';
import { dieRows, dieUnits, diesPage, type DieRow } from './dies.js';
import { disassemble, disassemblyPage, rangeAt, SourceFiles, type Listing } from './disassembly.js';
import type { Document } from './document.js';
import { goTo } from './goto.js';
import { hexPage } from './hex.js';
import { lineUnits, linesPage, otherUnit } from './lines.js';
import { moveTo, reveal, START, type Cursor } from './list.js';
import { modulesPage } from './modules.js';
import { VIEWS, type Jump, type Page, type ViewName } from './page.js';
import { sectionsPage } from './sections.js';
import { DEFAULT_SYMBOL_OPTIONS, SORT_KEYS, symbolsPage, type SymbolOptions } from './symbols.js';

export type Key =
  | 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'left' | 'right'
  | 'tab' | 'shiftTab' | 'enter' | 'escape' | 'backspace' | { char: string };

/** What the state machine reads but does not own: the documents, the decoder once it is loaded, caches. */
export class World {
  readonly sources = new SourceFiles();
  /** News from outside the keyboard (a live process registered code), shown until `until`. */
  notice?: { text: string; until: number };
  /** Called when something the screen shows changed without a key: the screen redraws. */
  changed?: () => void;
  /** Disassemblers by ELF machine: loading, loaded, or why one could not be. */
  private readonly decoders = new Map<number, Disassembler | string | Promise<void>>();
  private readonly listings = new Map<string, Listing | undefined>();

  /** `load` makes a disassembler; it is called the first time a machine's code is shown (the decoder is 3 MB of wasm). */
  constructor(public docs: Document[], readonly live: boolean, private readonly load?: (machine: number) => Promise<Disassembler>) {}

  /** The machine's disassembler, a string saying why there is none, or undefined while it loads. */
  decoder(machine: number): Disassembler | string | undefined {
    const d = this.decoders.get(machine);
    if (d !== undefined) return d instanceof Promise ? undefined : d;
    if (!this.load) return 'no disassembler';
    this.decoders.set(machine, this.load(machine).then(
      (decoder) => { this.decoders.set(machine, decoder); },
      (e: Error) => { this.decoders.set(machine, e.message); },
    ).finally(() => this.changed?.()));
    return undefined;
  }

  listing(doc: number, address: number): Listing | undefined {
    const d = this.docs[doc];
    const range = d && rangeAt(d, address);
    const decoder = d && this.decoder(d.machine);
    if (!d || !range || !decoder || typeof decoder === 'string') return undefined;
    const key = `${doc}:${range.start}:${range.end}`;
    if (!this.listings.has(key)) this.listings.set(key, disassemble(this.docs, doc, range, decoder, this.sources));
    return this.listings.get(key);
  }

  /** Documents changed (a live process registered or unregistered code): cached listings may name the wrong ones. */
  replaceDocs(docs: Document[]): void {
    this.docs = docs;
    this.listings.clear();
  }
}

interface Views {
  modules: { cursor: Cursor };
  sections: { cursor: Cursor };
  symbols: { cursor: Cursor; options: SymbolOptions };
  /** `unplaced`: opened before its rows existed (the disassembler was loading); the cursor goes to `address` when they do. */
  disassembly: { cursor: Cursor; address?: number; unplaced?: boolean };
  lines: { cursor: Cursor; unit?: number; address?: number };
  /** `unfolded` undefined: only the unit's root entry is unfolded. */
  dies: { cursor: Cursor; unit?: number; unfolded?: ReadonlySet<number> };
  hex: { cursor: Cursor; section?: number; address?: number };
}

export interface Place {
  view: ViewName;
  doc: number;
  views: Views;
}

export interface State extends Place {
  back: Place[];
  prompt?: { kind: 'filter' | 'goto'; text: string };
  message?: string;
  help: boolean;
  quit: boolean;
}

const freshViews = (): Views => ({
  modules: { cursor: START },
  sections: { cursor: START },
  symbols: { cursor: START, options: DEFAULT_SYMBOL_OPTIONS },
  disassembly: { cursor: START },
  lines: { cursor: START },
  dies: { cursor: START },
  hex: { cursor: START },
});

export function initialState(world: World): State {
  const view: ViewName = world.docs.length === 1 && !world.live ? 'symbols' : 'modules';
  return { view, doc: 0, views: freshViews(), back: [], help: false, quit: false };
}

const unitOf = (units: Unit[], offset: number | undefined): Unit | undefined => units.find((u) => u.offset === offset) ?? units[0];

const dieRowCache = new WeakMap<Unit, { unfolded: ReadonlySet<number> | undefined; rows: DieRow[] }>();

function diesOf(doc: Document, unitOffset: number | undefined, unfolded: ReadonlySet<number> | undefined): { unit: Unit | undefined; rows: DieRow[]; unfolded: ReadonlySet<number> } {
  const unit = unitOf(dieUnits(doc), unitOffset);
  if (!unit) return { unit, rows: [], unfolded: new Set() };
  const open = unfolded ?? new Set([unit.dieOffset]);
  const cached = dieRowCache.get(unit);
  if (cached && cached.unfolded === unfolded) return { unit, rows: cached.rows, unfolded: open };
  const rows = dieRows(unit, open);
  dieRowCache.set(unit, { unfolded, rows });
  return { unit, rows, unfolded: open };
}

/** The page the state shows. */
export function pageOf(s: State, world: World): Page {
  const doc = world.docs[s.doc];
  if (s.view === 'modules' || !doc) return modulesPage(world.docs, world.live);
  switch (s.view) {
    case 'sections': return sectionsPage(doc, s.doc);
    case 'symbols': return symbolsPage(doc, s.doc, s.views.symbols.options);
    case 'disassembly': {
      const at = s.views.disassembly.address;
      if (at === undefined) return { title: `${doc.name}  choose a function in Symbols (Enter) or press g`, count: 0, row: () => [] };
      const decoder = world.decoder(doc.machine);
      if (typeof decoder !== 'object') return { title: `${doc.name}  ${decoder ?? 'loading the disassembler…'}`, count: 0, row: () => [] };
      return disassemblyPage(world.docs, s.doc, world.listing(s.doc, at));
    }
    case 'lines': return linesPage(doc, s.doc, s.views.lines.unit);
    case 'dies': {
      const { unit, rows } = diesOf(doc, s.views.dies.unit, s.views.dies.unfolded);
      return diesPage(doc, unit, rows);
    }
    case 'hex': {
      const section = s.views.hex.section ?? doc.elf.sections.findIndex((x) => x.sh_size > 0 && x.index > 0);
      return hexPage(doc, section);
    }
  }
}

const place = (s: State): Place => ({ view: s.view, doc: s.doc, views: s.views });

function withCursor(s: State, cursor: Cursor): State {
  return { ...s, views: { ...s.views, [s.view]: { ...s.views[s.view], cursor } } };
}

/** The address the user is looking at, for views that open on one (Lines, DIEs follow the function in Disassembly). */
function focusAddress(s: State): number | undefined {
  return s.views.disassembly.address ?? s.views.hex.address;
}

/** Opens a view at a jump target, remembering where we were. */
function follow(s: State, jump: Jump, world: World, height: number): State {
  const views: Views = jump.doc === s.doc ? { ...s.views } : freshViews();
  switch (jump.view) {
    case 'disassembly': views.disassembly = { cursor: START, address: jump.address }; break;
    case 'hex': views.hex = { cursor: START, section: jump.section, address: jump.address }; break;
    case 'lines': views.lines = { cursor: START, unit: jump.unit, address: jump.address }; break;
    case 'dies': views.dies = { cursor: START, unit: jump.unit }; break;
    default: break;
  }
  const next: State = { ...s, back: [...s.back, place(s)], view: jump.view, doc: jump.doc, views, message: undefined };
  return placeCursor(next, world, height);
}

/** Puts the cursor of a view that opens at an address on that address's row. */
function placeCursor(s: State, world: World, height: number): State {
  const at = s.view === 'lines' || s.view === 'hex' || s.view === 'disassembly' ? s.views[s.view].address : undefined;
  if (at === undefined) return s;
  const page = pageOf(s, world);
  if (!page.rowOf || page.count === 0) {
    return s.view === 'disassembly' ? { ...s, views: { ...s.views, disassembly: { ...s.views.disassembly, unplaced: true } } } : s;
  }
  const placed = withCursor(s, reveal(page.rowOf(at), page.count, height));
  return s.view === 'disassembly' ? { ...placed, views: { ...placed.views, disassembly: { ...placed.views.disassembly, unplaced: false } } } : placed;
}

/** After the world changed (the disassembler loaded): a listing opened too early gets its cursor. */
export function refresh(s: State, world: World, height: number): State {
  return s.view === 'disassembly' && s.views.disassembly.unplaced ? placeCursor(s, world, height) : s;
}

/** Tab: the next view of the same document; Lines and DIEs open on the unit of the address in view. */
function switchView(s: State, step: 1 | -1, world: World, height: number): State {
  if (world.docs.length === 0) return { ...s, message: 'no module to show yet' };
  const i = VIEWS.indexOf(s.view);
  const view = VIEWS[(i + step + VIEWS.length) % VIEWS.length]!;
  let next: State = { ...s, view, message: undefined };
  const doc = world.docs[s.doc];
  const at = focusAddress(s);
  if (doc && at !== undefined && (view === 'lines' || view === 'dies')) {
    const unit = doc.unitAt(at)?.unit.offset;
    if (view === 'lines' && s.views.lines.unit === undefined && unit !== undefined) {
      next = placeCursor({ ...next, views: { ...next.views, lines: { cursor: START, unit, address: at } } }, world, height);
    }
    if (view === 'dies' && s.views.dies.unit === undefined && unit !== undefined) {
      next = { ...next, views: { ...next.views, dies: { cursor: START, unit } } };
    }
  }
  return next;
}

function back(s: State): State {
  const prev = s.back[s.back.length - 1];
  if (!prev) return { ...s, message: 'nothing to go back to' };
  return { ...s, ...prev, back: s.back.slice(0, -1), message: undefined };
}

function setSymbolOptions(s: State, options: SymbolOptions): State {
  return { ...s, views: { ...s.views, symbols: { cursor: START, options } } };
}

function promptKey(s: State, key: Key, world: World, height: number): State {
  const p = s.prompt!;
  const edit = (text: string): State => {
    const next = { ...s, prompt: { ...p, text } };
    return p.kind === 'filter' ? setSymbolOptions(next, { ...s.views.symbols.options, filter: text }) : next;
  };
  if (key === 'escape') return p.kind === 'filter' ? setSymbolOptions({ ...s, prompt: undefined }, { ...s.views.symbols.options, filter: '' }) : { ...s, prompt: undefined };
  if (key === 'backspace') return edit(p.text.slice(0, -1));
  if (key === 'enter') {
    if (p.kind === 'filter') return { ...s, prompt: undefined };
    const dest = goTo(world.docs, s.doc, p.text);
    const next: State = { ...s, prompt: undefined, message: dest.message };
    return dest.jump ? { ...follow(next, dest.jump, world, height), message: dest.message } : next;
  }
  if (typeof key === 'object' && key.char >= ' ') return edit(p.text + key.char);
  return s;
}

/** What one key does. `height` is the number of list rows on screen. */
export function update(s: State, key: Key, world: World, height: number): State {
  if (s.help) return { ...s, help: false };
  if (s.prompt) return promptKey(s, key, world, height);
  const page = pageOf(s, world);
  const cursor = s.views[s.view].cursor;
  const move = (index: number): State => ({ ...withCursor(s, moveTo(cursor, index, page.count, height)), message: undefined });
  if (typeof key === 'object') {
    switch (key.char) {
      case 'q': return { ...s, quit: true };
      case '?': return { ...s, help: true };
      case 'j': return move(cursor.index + 1);
      case 'k': return move(cursor.index - 1);
      case '/':
        if (s.view !== 'symbols') return { ...s, message: '/ filters the Symbols view' };
        return { ...s, prompt: { kind: 'filter', text: s.views.symbols.options.filter } };
      case 'g': return { ...s, prompt: { kind: 'goto', text: '' }, message: undefined };
      case 'm':
        if (s.view !== 'symbols') return s;
        return setSymbolOptions(s, { ...s.views.symbols.options, mangled: !s.views.symbols.options.mangled });
      case 's': case 'S': {
        if (s.view !== 'symbols') return s;
        const o = s.views.symbols.options;
        const sort = key.char === 's' ? SORT_KEYS[(SORT_KEYS.indexOf(o.sort) + 1) % SORT_KEYS.length]! : o.sort;
        return setSymbolOptions(s, { ...o, sort, descending: key.char === 'S' ? !o.descending : o.descending });
      }
      case '[': case ']': {
        const doc = world.docs[s.doc];
        if (!doc || (s.view !== 'lines' && s.view !== 'dies')) return s;
        const step = key.char === ']' ? 1 : -1;
        if (s.view === 'lines') return { ...s, views: { ...s.views, lines: { cursor: START, unit: otherUnit(lineUnits(doc), s.views.lines.unit, step) } } };
        const unit = otherUnit(dieUnits(doc), s.views.dies.unit, step);
        return { ...s, views: { ...s.views, dies: { cursor: START, unit } } };
      }
      default: return s;
    }
  }
  switch (key) {
    case 'up': return move(cursor.index - 1);
    case 'down': return move(cursor.index + 1);
    case 'pageUp': return move(cursor.index - Math.max(1, height - 1));
    case 'pageDown': return move(cursor.index + Math.max(1, height - 1));
    case 'home': return move(0);
    case 'end': return move(page.count - 1);
    case 'tab': return switchView(s, 1, world, height);
    case 'shiftTab': return switchView(s, -1, world, height);
    case 'escape': case 'backspace': return back(s);
    case 'left': case 'right': case 'enter': {
      if (s.view === 'dies') return fold(s, key, world);
      if (key !== 'enter') return s;
      const jump = page.count > 0 ? page.open?.(cursor.index) : undefined;
      if (!jump) return { ...s, message: page.describe?.(cursor.index) ?? 'nothing to open on this row' };
      if (jump.view === 'symbols' || jump.view === 'modules' || jump.view === 'sections') {
        const views = jump.doc === s.doc ? s.views : freshViews();
        return { ...s, back: [...s.back, place(s)], view: jump.view, doc: jump.doc, views, message: undefined };
      }
      return follow(s, jump, world, height);
    }
  }
}

/** In DIEs, Enter toggles an entry, → unfolds it, ← folds it (or, on an attribute, its entry). */
function fold(s: State, key: 'left' | 'right' | 'enter', world: World): State {
  const doc = world.docs[s.doc];
  const v = s.views.dies;
  if (!doc) return s;
  const shown = diesOf(doc, v.unit, v.unfolded);
  const row = shown.rows[v.cursor.index];
  if (!row) return s;
  const open = shown.unfolded.has(row.die.offset);
  const want = key === 'enter' ? !open : key === 'right';
  if (row.kind === 'attribute' && key !== 'left') return s;
  const unfolded = new Set(shown.unfolded);
  if (want) unfolded.add(row.die.offset);
  else unfolded.delete(row.die.offset);
  let cursor = v.cursor;
  if (row.kind === 'attribute') cursor = { ...cursor, index: shown.rows.findIndex((r) => r.kind === 'die' && r.die.offset === row.die.offset) };
  return { ...s, views: { ...s.views, dies: { ...v, cursor, unfolded } } };
}
