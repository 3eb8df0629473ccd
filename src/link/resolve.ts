/**
 * Symbol resolution for a batch of objects linked together into a session: COMDAT groups kept
 * once, one winning definition per global name (strong over common over weak, first among
 * equals), and every reference bound to a target. Order of search: the batch's own
 * definitions (an object's own strong definition is the winner, so a module sees itself
 * first), then modules already in the session, then definitions the caller gave, then the
 * target process (its libraries); the functions of libc_nonshared.a, which the process cannot export, are
 * made in each module that calls them. Runs before layout: where the targets are decides where the code may go.
 */
import { SHN_COMMON, STB_GLOBAL, STB_WEAK, STT_SECTION } from '../elf/consts.js';
import { NONSHARED_SHIMS } from './arch/x86-64.js';
import { LinkError, UndefinedSymbolError } from './errors.js';
import { inSection, isExternal, isLoaded, isUndefined, type GraphSection, type ObjectGraph } from './graph.js';
import type { Target } from '../target/types.js';

export const WEAK = 1;
export const COMMON = 2;
export const STRONG = 3;

/** A definition visible to other modules of a session. */
export interface Definition {
  name: string;
  address: number;
  size: number;
  strength: number;
  /** The object that defines it, for messages. */
  object: string;
  /** The module that defines it (opaque to the linker). */
  owner: unknown;
}

/** What a session knows between links: its modules' definitions and COMDAT groups. */
export interface SessionSymbols {
  definitions: ReadonlyMap<string, Definition>;
  /** COMDAT signature -> the loaded sections of the group, by name. */
  groups: ReadonlyMap<string, ReadonlyMap<string, LoadedMember>>;
}

/** A loaded section of a COMDAT group. */
export interface LoadedMember {
  address: number;
  size: number;
}

/** Where a symbol's address comes from. */
export type Binding =
  /** Its own section, absolute value, or common block in the same object (set by layout). */
  | { kind: 'self' }
  /** A definition of another object of the batch. */
  | { kind: 'batch'; graph: number; symbol: number }
  /** A fixed address: a session module, the caller, the process, or 0 (undefined weak). */
  | { kind: 'fixed'; address: number; size: number; external: boolean }
  /** The object's own `__dso_handle` or `_GLOBAL_OFFSET_TABLE_`. */
  | { kind: 'dso-handle' }
  | { kind: 'got-base' }
  /** A libc_nonshared.a function, made in the module for its `__dso_handle`; `callee` is the libc function it calls. */
  | { kind: 'shim'; name: string; callee: number };

export interface Resolution {
  /** Per symbol index. */
  targets: Binding[];
  /** COMMON symbols this object allocates (it holds the winning one). */
  commons: { symbol: number; size: number; align: number }[];
}

export interface ResolveOptions {
  /** Definitions the caller gives, by name. */
  symbols: ReadonlyMap<string, number>;
  /** What only the target process knows: its symbols, what a far address holds, homes for TLS blocks. */
  target: Pick<Target, 'lookup' | 'prefetch' | 'farReference' | 'threadLocal'>;
}

interface Winner {
  graph: number;
  symbol: number;
  strength: number;
  /** For commons: the largest size and alignment among all of them. */
  size: number;
  align: number;
}

export function resolveBatch(graphs: ObjectGraph[], session: SessionSymbols, options: ResolveOptions): Resolution[] {
  discardDuplicateGroups(graphs, session);
  const winners = chooseWinners(graphs, session);
  const resolutions: Resolution[] = graphs.map(() => ({ targets: [], commons: [] }));
  const unresolved = new Map<string, string>();
  for (const w of winners.values()) {
    if (w.strength === COMMON) resolutions[w.graph]!.commons.push({ symbol: w.symbol, size: w.size, align: w.align });
  }
  options.target.prefetch?.(targetNames(graphs, winners, session, options));
  graphs.forEach((g, gi) => {
    const targets = resolutions[gi]!.targets;
    for (const s of g.symbols) {
      targets.push(bind(g, gi, s.index));
    }
  });
  if (unresolved.size) throw new UndefinedSymbolError([...unresolved.keys()], [...unresolved.values()], { file: graphs.map((g) => g.name).join(', ') });
  return resolutions;

  function bind(g: ObjectGraph, gi: number, index: number): Binding {
    const s = g.symbols[index]!;
    if (!isExternal(s) || s.type === STT_SECTION) return { kind: 'self' };
    const w = winners.get(s.name);
    if (w) return w.graph === gi && w.symbol === index ? { kind: 'self' } : { kind: 'batch', graph: w.graph, symbol: w.symbol };
    const d = session.definitions.get(s.name);
    if (d) return { kind: 'fixed', address: d.address, size: d.size, external: true };
    if (!isUndefined(s)) return { kind: 'self' }; // a definition in a discarded section with no winner: cannot happen, kept safe
    if (s.name === '__dso_handle') return { kind: 'dso-handle' };
    if (s.name === '_GLOBAL_OFFSET_TABLE_') return { kind: 'got-base' };
    const given = options.symbols.get(s.name);
    if (given !== undefined) return { kind: 'fixed', address: given, size: 0, external: true };
    const shim = NONSHARED_SHIMS.get(s.name);
    if (shim) {
      const callee = options.symbols.get(shim.callee) ?? options.target.lookup(shim.callee);
      if (callee !== undefined) return { kind: 'shim', name: s.name, callee };
      if (!unresolved.has(shim.callee)) unresolved.set(shim.callee, `${shim.callee} (called by ${s.name}, needed by ${g.name})`);
      return { kind: 'fixed', address: 0, size: 0, external: false };
    }
    const found = options.target.lookup(s.name);
    if (found !== undefined) return { kind: 'fixed', address: found, size: 0, external: true };
    if (s.bind !== STB_WEAK && !unresolved.has(s.name)) unresolved.set(s.name, `${s.name} (needed by ${g.name})`);
    return { kind: 'fixed', address: 0, size: 0, external: false };
  }
}

/** The names `bind` will ask the target for: undefined references nothing before it defines. */
function targetNames(graphs: ObjectGraph[], winners: ReadonlyMap<string, Winner>, session: SessionSymbols, options: ResolveOptions): string[] {
  const names = new Set<string>();
  for (const g of graphs) {
    for (const s of g.symbols) {
      if (!isExternal(s) || !isUndefined(s) || s.type === STT_SECTION || winners.has(s.name) || session.definitions.has(s.name) || options.symbols.has(s.name)) continue;
      names.add(NONSHARED_SHIMS.get(s.name)?.callee ?? s.name);
    }
  }
  return [...names];
}

/**
 * Drops the members of COMDAT groups the session or an earlier object of the batch already has.
 * Groups of debug sections only (gcc -g3's .debug_macro groups) are kept in every module: they
 * cost no target memory, and each module's debug image must hold what its DWARF refers to.
 * A dropped member's DWARF (the inline function or template each object describes) then
 * describes the kept copy of the same name and size, as GNU ld resolves debug relocations
 * against a discarded section: a debugger finds that function twice, natively and here.
 */
function discardDuplicateGroups(graphs: ObjectGraph[], session: SessionSymbols): void {
  // signature -> the graph of the batch that loads the group, and the group's sections there
  const batch = new Map<string, { graph: number; members: (GraphSection | undefined)[] }>();
  graphs.forEach((g, gi) => {
    for (const group of g.groups) {
      if (!group.members.some((m) => isLoaded(g.sections[m]))) continue;
      const loaded = session.groups.get(group.signature);
      const first = batch.get(group.signature);
      if (loaded === undefined && first === undefined) {
        batch.set(group.signature, { graph: gi, members: group.members.map((m) => g.sections[m]) });
        continue;
      }
      for (const m of group.members) {
        const s = g.sections[m];
        if (!s) continue;
        s.discarded = true;
        if (loaded) {
          const copy = loaded.get(s.name);
          if (copy?.size === s.size) s.kept = { address: copy.address };
        } else {
          const copy = first!.members.find((k) => k?.name === s.name && k.size === s.size);
          if (copy) s.kept = { graph: first!.graph, section: copy.index };
        }
      }
    }
  });
}

function strengthOf(bind: number, st_shndx: number): number {
  if (st_shndx === SHN_COMMON) return COMMON;
  return bind === STB_GLOBAL ? STRONG : WEAK; // STB_WEAK and STB_GNU_UNIQUE: the first one wins
}

/** One winning definition per global name of the batch; duplicate strong definitions are an error. */
function chooseWinners(graphs: ObjectGraph[], session: SessionSymbols): Map<string, Winner> {
  const winners = new Map<string, Winner>();
  const duplicates: string[] = [];
  graphs.forEach((g, gi) => {
    for (const s of g.symbols) {
      if (!isExternal(s) || isUndefined(s)) continue;
      if (inSection(s) && g.sections[s.st_shndx]?.discarded) continue;
      const strength = strengthOf(s.bind, s.st_shndx);
      const old = session.definitions.get(s.name);
      if (old && old.strength >= strength) {
        if (strength === STRONG && old.strength === STRONG) duplicates.push(`${s.name} (defined in ${old.object} and ${g.name})`);
        continue;
      }
      const w = winners.get(s.name);
      if (!w) {
        winners.set(s.name, { graph: gi, symbol: s.index, strength, size: s.size, align: s.value || 1 });
        continue;
      }
      if (strength === STRONG && w.strength === STRONG) duplicates.push(`${s.name} (defined in ${graphs[w.graph]!.name} and ${g.name})`);
      if (strength === COMMON && w.strength === COMMON) {
        w.size = Math.max(w.size, s.size);
        w.align = Math.max(w.align, s.value || 1);
      } else if (strength > w.strength) {
        winners.set(s.name, { graph: gi, symbol: s.index, strength, size: s.size, align: s.value || 1 });
      }
    }
  });
  if (duplicates.length) {
    throw new LinkError(`duplicate symbol${duplicates.length > 1 ? 's' : ''}: ${duplicates.join(', ')}`, { symbol: duplicates[0]!.split(' ')[0]! });
  }
  return winners;
}
