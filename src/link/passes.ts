/**
 * The pass between resolution and layout: reads every relocation once, checks its type
 * against the architecture's table, and collects what layout must reserve — GOT entries,
 * stubs for calls that may not reach — and where the code may be placed (absolute 32-bit
 * references need the low 2 or 4 GiB; 32-bit PC-relative references to other modules or the
 * process need their targets within 2 GiB).
 *
 * Position-dependent code (gcc's default -fPIE) takes the address of process data with
 * `lea sym(%rip)`, counting on a copy relocation that puts the data next to the code. In this
 * process the data lies where it lies: node's copies of stdout or std::cout low, libstdc++'s
 * typeinfo objects near the top. A `lea` whose target would make the window empty is turned
 * into a load of the same address from a slot of the module (`mov slot(%rip)`), the inverse
 * of ld's GOTPCRELX relaxation. Another instruction reading read-only process data (a VTT
 * in node, a typeinfo) reads a copy of it in the module instead; the rest constrain the
 * placement, and come first.
 */
import { STT_SECTION } from '../elf/consts.js';
import type { Placement } from '../memory/types.js';
import {
  fits, isRipLea, NEEDS_CANONICAL_STUB, NEEDS_GOT_ENTRY, NEEDS_STATIC_TLS, NEEDS_STUB, NEEDS_TLS_GD, NEEDS_TLS_LD, NEEDS_TLS_SYMBOL,
  NEEDS_TLS_TPOFF_ENTRY, X86_64_RELOCATIONS, type RelocationRow,
} from './arch/x86-64.js';
import { LinkError } from './errors.js';
import { inSection, isLoaded, relocationKey, type GraphSection, type ObjectGraph } from './graph.js';
import type { Resolution, ResolveOptions, Binding } from './resolve.js';

/** The relocation rows by type number, for the hot loops. */
export const ROWS: (RelocationRow | undefined)[] = [];
for (const [type, row] of X86_64_RELOCATIONS) if ('compute' in row) ROWS[type] = row;

export interface Needs {
  /** Symbol indexes that get a GOT entry, and stubs (each stub also has a GOT entry). */
  got: number[];
  stubs: number[];
  /** Read-only process data copied into the module (symbol index -> bytes), as copy relocations do. */
  copies: Map<number, Uint8Array>;
  /** `lea sym+A(%rip)` fixups that become loads from a slot holding the address they took. */
  indirect: IndirectLea[];
  tls: TlsNeeds;
  placement: Placement;
  /** Why the placement is constrained, for the error when it cannot be met. */
  reasons: string[];
}

/** What thread-local references need: tls_index pairs, initial-exec GOT entries, a static block. */
export interface TlsNeeds {
  gd: Set<number>;
  tpoff: Set<number>;
  ld: boolean;
  static: boolean;
}

/** A `lea sym+A(%rip)` made a load: its relocation (relocationKey), symbol and addend. */
export interface IndirectLea {
  key: number;
  sym: number;
  r_addend: number;
}

/** A relocation (entry `i` of its section's table) and what it refers to, kept for a later decision. */
interface Reference {
  s: GraphSection;
  i: number;
  row: RelocationRow;
  target: Binding;
  /** For a load of read-only process data: the bytes a copy would hold. */
  copy?: Uint8Array;
}

const TWO_31 = 2 ** 31;
/** Slack kept from the edges of a 32-bit window, for addends and the module's own size. */
const SLACK = 2 ** 26;

/**
 * `isCode` tells whether a process address is code, for absolute 32-bit references to
 * functions that are too far (they get a stub instead).
 */
export function scanRelocations(g: ObjectGraph, r: Resolution, batchAddress: (t: Binding) => number | undefined, farReference: ResolveOptions['target']['farReference']): Needs {
  const gotSet = new Set<number>();
  const stubSet = new Set<number>();
  const placement: Placement = { min: 0, max: 2 ** 47 };
  const reasons: string[] = [];
  const copies = new Map<number, Uint8Array>();
  const leas: Reference[] = [];
  const loads: Reference[] = [];
  const tls: TlsNeeds = { gd: new Set(), tpoff: new Set(), ld: false, static: false };
  const loaded = loadedTargets(g);
  for (const s of g.sections) if (s && !s.discarded) scanSection(s);
  // Other references to process data: one to read-only data of known size can be served by a
  // copy in the module (as a copy relocation would), so it waits with the leas; the rest
  // constrain now.
  const copyable = new Map<number, Uint8Array | undefined>();
  const avoidable = [...leas];
  for (const ref of loads) {
    const sym = ref.s.relocations.sym[ref.i]!;
    if (!copyable.has(sym)) {
      const far = farReference((ref.target as Extract<Binding, { kind: 'fixed' }>).address);
      copyable.set(sym, far instanceof Uint8Array ? far : undefined);
    }
    const copy = copyable.get(sym);
    if (copy) avoidable.push({ ...ref, copy });
    else constrain(ref.s, ref.i, ref.row, ref.target);
  }
  // After every constraint that cannot be avoided: each avoidable one that still fits
  // constrains too; the others become loads from slots (leas) or references to copies.
  const indirect: IndirectLea[] = [];
  for (const { s, i, row, target, copy } of avoidable) {
    const sym = s.relocations.sym[i]!;
    const address = addressOf(target);
    if (address === undefined || address === 0 || copies.has(sym)) continue;
    if (Math.max(placement.min, address - TWO_31 + SLACK) < Math.min(placement.max, address + TWO_31 - SLACK)) {
      constrain(s, i, row, target);
    } else if (copy) {
      copies.set(sym, copy);
    } else {
      indirect.push({ key: relocationKey(s, i), sym, r_addend: s.relocations.r_addend[i]! });
    }
  }
  return { got: [...gotSet], stubs: [...stubSet], copies, indirect, tls, placement, reasons };

  /**
   * Checks every relocation of `s` and notes what those that matter need. The loop is a
   * function of its own, small, so that V8 optimizes it while it runs over sqlite3.o's 160k.
   */
  function scanSection(s: GraphSection): void {
    const debug = s.placement === 'debug';
    const { type: types, sym: syms, r_offset: offsets } = s.relocations;
    for (let i = 0; i < types.length; i++) {
      const type = types[i]!;
      const sym = syms[i]!;
      const row = ROWS[type] ?? noRow(g, s, type, sym, offsets[i]!);
      const target = r.targets[sym];
      if (!target) throw new LinkError(`relocation names symbol index ${sym}, past the symbol table`, { file: g.name, section: s.relocationSection, offset: offsets[i]! });
      // Nothing to reserve or constrain (most of DWARF's fixups): a 64-bit field that needs nothing,
      // or debug data pointing at debug data without a GOT entry or TLS.
      if (row.needs === 0 && row.size === 8) continue;
      if (debug && !loaded[sym] && target.kind === 'self' && (row.needs & (NEEDS_GOT_ENTRY | NEEDS_TLS_SYMBOL)) === 0) continue;
      note(s, i, row, target);
    }
  }

  /** What relocation `i` of `s` reserves (GOT entries, stubs, copies, TLS entries) or leaves for the placement. */
  function note(s: GraphSection, i: number, row: RelocationRow, target: Binding): void {
    const type = s.relocations.type[i]!;
    const sym = s.relocations.sym[i]!;
    const offset = s.relocations.r_offset[i]!;
    if (row.needs & NEEDS_GOT_ENTRY) gotSet.add(sym);
    if (row.needs & NEEDS_TLS_SYMBOL) {
      if (target.kind !== 'self' || !isThreadLocal(g, sym)) {
        throw new LinkError(`${row.name} refers to a symbol that is not thread-local data of this object (TLS of other modules and of the process is not supported)`, { file: g.name, section: s.name, offset, symbol: g.symbols[sym]?.name || `#${sym}` });
      }
      if (row.needs & NEEDS_TLS_GD) tls.gd.add(sym);
      if (row.needs & NEEDS_TLS_TPOFF_ENTRY) tls.tpoff.add(sym);
      if (row.needs & NEEDS_TLS_LD) tls.ld = true;
      if (row.needs & NEEDS_STATIC_TLS) tls.static = true;
    }
    const external = target.kind === 'batch' || target.kind === 'fixed';
    if (row.needs & NEEDS_STUB && external) {
      stubSet.add(sym);
      gotSet.add(sym);
    } else if (row.needs & NEEDS_CANONICAL_STUB && target.kind === 'fixed' && !fits(row.range, target.address + s.relocations.r_addend[i]!) && !copies.has(sym) && !stubSet.has(sym)) {
      const far = farReference(target.address);
      if (far === 'code') {
        stubSet.add(sym);
        gotSet.add(sym);
      } else if (far) {
        copies.set(sym, far);
      }
    }
    if (type === 2 && s.placement === 'code' && s.content && isRipLea(s.content, offset)) {
      leas.push({ s, i, row, target });
    } else if (type === 2 && s.placement !== 'debug' && target.kind === 'fixed' && target.address !== 0) {
      loads.push({ s, i, row, target });
    } else if (row.range === 'int32' || row.range === 'uint32') {
      constrain(s, i, row, target);
    }
  }

  function addressOf(target: Binding): number | undefined {
    return target.kind === 'fixed' ? target.address : target.kind === 'batch' ? batchAddress(target) : undefined;
  }

  /** Narrows the placement for relocation `i` of `s`, whose row has a 32-bit range. */
  function constrain(s: GraphSection, i: number, row: RelocationRow, target: Binding): void {
    const type = s.relocations.type[i]!;
    const sym = s.relocations.sym[i]!;
    if (type === 10 || type === 11) {
      // Absolute: the target must be low. In a debug section only when it points at loaded code or data.
      if (s.placement === 'debug' && !loaded[sym]) return;
      const max = type === 10 ? 2 ** 32 : TWO_31;
      if (max < placement.max) {
        placement.max = max;
        reasons.push(`${site(s, i, row)} holds an absolute 32-bit address`);
      }
      return;
    }
    if (type !== 2 || s.placement === 'debug') return;
    const address = addressOf(target);
    if (address === undefined || address === 0) return;
    const lo = address - TWO_31 + SLACK;
    const hi = address + TWO_31 - SLACK;
    if (lo > placement.min || hi < placement.max) reasons.push(`${site(s, i, row)} reaches 0x${address.toString(16)} (${g.symbols[sym]?.name})`);
    placement.min = Math.max(placement.min, lo);
    placement.max = Math.min(placement.max, hi);
  }
}

/** `R_X86_64_32 at .text+0x10`: the relocation a placement constraint comes from. */
function site(s: GraphSection, i: number, row: RelocationRow): string {
  return `${row.name} at ${s.name}+0x${s.relocations.r_offset[i]!.toString(16)}`;
}

/**
 * Whether a symbol is defined in (or is the section symbol of) a TLS section the object loads
 * (not one of a COMDAT group another module holds: that variable lives in the other's block).
 */
function isThreadLocal(g: ObjectGraph, sym: number): boolean {
  const s = g.symbols[sym];
  const home = s && inSection(s) ? g.sections[s.st_shndx] : undefined;
  return home !== undefined && home.placement === 'tls' && !home.discarded;
}

/** Per symbol index, 1 when the symbol lies in loaded code or data (not in debug data). */
function loadedTargets(g: ObjectGraph): Uint8Array {
  const loaded = new Uint8Array(g.symbols.length);
  for (const s of g.symbols) {
    // An undefined symbol is resolved elsewhere, in loaded code or data.
    if (!inSection(s) && s.type !== STT_SECTION) loaded[s.index] = 1;
    else if (isLoaded(g.sections[s.st_shndx])) loaded[s.index] = 1;
  }
  return loaded;
}

/** The LinkError that names why a relocation's type has no row in ROWS. */
export function noRow(g: ObjectGraph, s: GraphSection, type: number, sym: number, offset: number): never {
  const entry = X86_64_RELOCATIONS.get(type);
  const where = { file: g.name, section: s.name, offset, symbol: g.symbols[sym]?.name || `#${sym}` };
  if (entry && 'refused' in entry) throw new LinkError(`${entry.name}: ${entry.refused}`, where);
  throw new LinkError(`unknown relocation type ${type}`, where);
}
