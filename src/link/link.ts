/**
 * The link pipeline for a batch of objects that are loaded together (they may reference each
 * other): parse → graph → resolve → GOT/PLT needs and placement → layout and allocation →
 * symbol addresses → GOT and stubs → fixups (loaded and debug sections) → finalize (W^X).
 * Resolution comes before layout because where the targets are decides where the code may go.
 * Nothing here runs code or registers anything: the caller (the session) registers exception
 * frames, runs initializers and wires the debug registration. On failure every allocation
 * made so far is released and the error is rethrown.
 */
import { JitdbgError } from '../binary/errors.js';
import { ELFOSABI_GNU, SHN_ABS, SHN_COMMON, STB_GLOBAL, STB_LOCAL, STT_FILE, STT_SECTION } from '../elf/consts.js';
import { symbolBindName, symbolTypeName } from '../elf/describe.js';
import { PlacementError, type Allocation, type MemoryManager } from '../memory/types.js';
import { NONSHARED_SHIMS, writeStub } from './arch/x86-64.js';
import { LinkError } from './errors.js';
import { buildGraph, inSection, inSegment, isExternal, isLoaded, type GraphSection, type ObjectGraph, type SectionPlacement } from './graph.js';
import { layoutObject, type Layout, type Slot } from './layout.js';
import { ROWS, scanRelocations } from './passes.js';
import { resolveBatch, STRONG, WEAK, COMMON, type Definition, type ResolveOptions, type Resolution, type SessionSymbols, type Binding, type LoadedMember } from './resolve.js';
import type { TlsBlock } from '../target/types.js';
import { ExecutorError } from '../target/errors.js';
import { applyFixups, type SymbolValues } from './fixup.js';
import { runtimeLists, type RuntimeLists } from './runtime.js';
import { threadLocalLocations } from './tls-locations.js';

export interface LinkInput {
  bytes: Uint8Array;
  name: string;
}

export interface LoadedSection {
  name: string;
  placement: SectionPlacement;
  /** Target address; for a debug section (not loaded), its offset in the module's section of that name. */
  address: number;
  size: number;
  /** The object's sh_type and sh_addralign, for debug images. */
  sh_type: number;
  align: number;
}

export interface LoadedSymbol {
  name: string;
  address: number;
  size: number;
  /** STT_* and STB_* */
  type: number;
  bind: number;
  /** readelf's words for them: 'FUNC', 'OBJECT', 'IFUNC'...; 'GLOBAL', 'LOCAL', 'WEAK', 'UNIQUE'. */
  typeName: string;
  bindName: string;
}

export interface LinkedObject extends RuntimeLists {
  name: string;
  allocation: Allocation;
  sections: LoadedSection[];
  symbols: LoadedSymbol[];
  /** Global definitions other modules may bind to (owner left for the session to set). */
  definitions: Omit<Definition, 'owner'>[];
  /** COMDAT groups this object loaded: signature -> its loaded sections by name. */
  groups: Map<string, Map<string, LoadedMember>>;
  /** Non-allocated sections (DWARF), relocated for the target addresses: copies owned by the module. */
  debugSections: Map<string, Uint8Array>;
  /** Per debug section, its fields holding an offset into a debug section. */
  debugOffsets: Map<string, DebugOffsets>;
  /** Target address of `.eh_frame` sections, each ending in a zero terminator. */
  frames: number[];
  dsoHandle: number;
  /** The module's thread-local storage block, released with the module. */
  tls: TlsBlock | undefined;
}

/**
 * The fields of a debug section that hold an offset into a debug section, e.g. DW_AT_stmt_list
 * into .debug_line: what placing debug sections after others must add to. Columns, one entry
 * per field: its offset, its size (4 or 8) and the section it points into.
 */
export interface DebugOffsets {
  offset: Uint32Array;
  size: Uint8Array;
  target: string[];
}

/** Receives the time spent in each phase. */
export type PhaseTimer = <T>(phase: string, fn: () => T) => T;
export const untimed: PhaseTimer = (_phase, fn) => fn();

export function linkObjects(inputs: LinkInput[], memory: MemoryManager, session: SessionSymbols, options: ResolveOptions, time: PhaseTimer = untimed): LinkedObject[] {
  const graphs = time('parse', () => inputs.map((i) => buildGraph(i.bytes, i.name)));
  const resolutions = time('resolve', () => resolveBatch(graphs, session, options));
  const allocations: Allocation[] = [];
  const blocks: (TlsBlock | undefined)[] = [];
  try {
    const layouts: Layout[] = [];
    const values: SymbolValues[] = [];
    const copied: Map<number, Uint8Array>[] = [];
    time('layout', () => {
      const addresses = graphs.map(() => undefined as Float64Array | undefined);
      const batchAddress = (t: Binding) => (t.kind === 'batch' ? addresses[t.graph]?.[t.symbol] : undefined);
      graphs.forEach((g, gi) => {
        const needs = scanRelocations(g, resolutions[gi]!, batchAddress, options.target.farReference.bind(options.target));
        const layout = layoutObject(g, resolutions[gi]!, needs);
        let allocation: Allocation;
        try {
          allocation = memory.allocate(layout.requests, needs.placement);
        } catch (e) {
          if (e instanceof PlacementError) {
            throw new LinkError(`cannot place the code where its 32-bit references reach (${needs.reasons.slice(0, 3).join('; ')}): ${e.message}; compile with -fPIC`, { file: g.name });
          }
          throw e;
        }
        allocations.push(allocation);
        layouts.push(layout);
        copied.push(needs.copies);
        assignSectionAddresses(g, layout, allocation);
        placeDebugSections(g);
        addresses[gi] = localAddresses(g, layout, allocation);
      });
      graphs.forEach((g, gi) => values.push(symbolValues(g, gi, resolutions[gi]!, layouts[gi]!, allocations[gi]!, addresses as Float64Array[], graphs)));
    });
    const offsets = graphs.map(() => new Map<string, DebugOffsets>());
    const debug = time('fixups', () => graphs.map((g, gi) => {
      const block = threadLocalBlock(g, layouts[gi]!, values[gi]!, options);
      blocks.push(block);
      writeSynthesized(layouts[gi]!, resolutions[gi]!, allocations[gi]!, values[gi]!, copied[gi]!);
      return relocateSections(g, layouts[gi]!, allocations[gi]!, values[gi]!, offsets[gi]!, debugValues(g, values[gi]!, graphs));
    }));
    const linked = graphs.map((g, gi) => describe(g, resolutions[gi]!, layouts[gi]!, allocations[gi]!, values[gi]!, debug[gi]!, offsets[gi]!, blocks[gi]));
    time('finalize', () => allocations.forEach((a) => a.finalize()));
    return linked;
  } catch (e) {
    for (const b of blocks) b?.release();
    for (const a of allocations) a.release();
    throw e;
  }
}

function slotAddress(a: Allocation, slot: Slot): number {
  return a.segments[slot.segment]!.address + slot.offset;
}

function assignSectionAddresses(g: ObjectGraph, layout: Layout, a: Allocation): void {
  for (const [index, slot] of layout.sections) g.sections[index]!.address = slotAddress(a, slot);
  for (const [index, offset] of layout.tls.sections) g.sections[index]!.address = offset;
}

/**
 * Relocates the object's TLS sections into the block's initialization image, asks the target
 * for a home for the block, and sets T and M: what the TLS fixups need.
 */
function threadLocalBlock(g: ObjectGraph, layout: Layout, v: SymbolValues, options: ResolveOptions): TlsBlock | undefined {
  const { tls } = layout;
  if (tls.sections.size === 0) return undefined;
  if (!options.target.threadLocal) throw new LinkError('thread-local storage needs a target that gives TLS blocks a home (this process does)', { file: g.name });
  const init = new Uint8Array(tls.initSize);
  for (const [index, offset] of tls.sections) {
    const s = g.sections[index]!;
    if (!s.content) continue;
    const bytes = init.subarray(offset, offset + s.size);
    bytes.set(s.content);
    if (s.relocations.length) applyFixups(g, s, bytes, v);
  }
  let block: TlsBlock;
  try {
    block = options.target.threadLocal({ init, size: tls.size, align: tls.align, static: tls.static });
  } catch (e) {
    // The target says why the block has no home (a NativeError in this process): a link error of this object.
    if (e instanceof JitdbgError && !(e instanceof ExecutorError)) throw new LinkError(e.reason, { ...e.where, file: e.where.file ?? g.name });
    throw e;
  }
  v.T = block.offset;
  v.M = block.moduleId;
  return block;
}

/**
 * Debug sections of one name are concatenated, as ld does (gcc -g3 emits a .debug_macro per
 * COMDAT group): each one's "address" is its offset in the whole, so that S + A of a reference
 * to it is an offset in the concatenated section.
 */
function placeDebugSections(g: ObjectGraph): void {
  const end = new Map<string, number>();
  for (const s of g.sections) {
    if (!s || s.discarded || s.placement !== 'debug') continue;
    const at = end.get(s.name);
    s.address = at === undefined ? 0 : Math.ceil(at / s.align) * s.align;
    end.set(s.name, s.address + s.size);
  }
}

/**
 * The symbol values DWARF is relocated with: those of a discarded COMDAT member's symbols
 * (its section symbol, a local label) are in its kept copy (resolveBatch), the rest as for code.
 */
function debugValues(g: ObjectGraph, v: SymbolValues, graphs: ObjectGraph[]): SymbolValues {
  let address: Float64Array | undefined;
  for (const s of g.symbols) {
    const kept = inSection(s) ? g.sections[s.st_shndx]?.kept : undefined;
    if (!kept) continue;
    address ??= v.address.slice();
    address[s.index] = ('address' in kept ? kept.address : graphs[kept.graph]!.sections[kept.section]!.address) + s.value;
  }
  return address ? { ...v, address } : v;
}

/** The COMDAT groups an object loaded: signature -> its loaded sections by name. */
function loadedGroups(g: ObjectGraph): Map<string, Map<string, LoadedMember>> {
  const groups = new Map<string, Map<string, LoadedMember>>();
  for (const grp of g.groups) {
    const members = grp.members.map((m) => g.sections[m]).filter((s): s is GraphSection => isLoaded(s) && !s!.discarded);
    if (members.length) groups.set(grp.signature, new Map(members.map((s) => [s.name, { address: s.address, size: s.size }])));
  }
  return groups;
}

/** Addresses of the symbols the object defines itself (NaN for the others). */
function localAddresses(g: ObjectGraph, layout: Layout, a: Allocation): Float64Array {
  const out = new Float64Array(g.symbols.length).fill(NaN);
  for (const s of g.symbols) {
    if (inSection(s)) {
      const sec = g.sections[s.st_shndx];
      out[s.index] = sec && !sec.discarded ? sec.address + s.value : 0;
    } else if (s.st_shndx === SHN_ABS) {
      out[s.index] = s.value;
    } else if (s.st_shndx === SHN_COMMON) {
      const slot = layout.commons.get(s.index);
      if (slot) out[s.index] = slotAddress(a, slot);
    }
  }
  return out;
}

function symbolValues(g: ObjectGraph, gi: number, r: Resolution, layout: Layout, a: Allocation, addresses: Float64Array[], graphs: ObjectGraph[]): SymbolValues {
  const n = g.symbols.length;
  const address = new Float64Array(n);
  const size = new Float64Array(n);
  const got = new Float64Array(n).fill(NaN);
  const stub = new Float64Array(n).fill(NaN);
  const GOT = slotAddress(a, layout.gotBase);
  for (let i = 0; i < n; i++) {
    const t = r.targets[i]!;
    switch (t.kind) {
      case 'self': address[i] = addresses[gi]![i]!; size[i] = g.symbols[i]!.size; break;
      case 'batch': address[i] = addresses[t.graph]![t.symbol]!; size[i] = graphs[t.graph]!.symbols[t.symbol]!.size; break;
      case 'fixed': address[i] = t.address; size[i] = t.size; break;
      case 'dso-handle': address[i] = slotAddress(a, layout.dsoHandle); break;
      case 'got-base': address[i] = GOT; break;
      case 'shim': address[i] = slotAddress(a, layout.shims.get(i)!.code); break;
    }
    if (address[i] !== address[i]) address[i] = 0; // a common symbol another object allocates: bound through 'batch'
  }
  for (const [sym, slot] of layout.copies) address[sym] = slotAddress(a, slot);
  for (const [sym, slot] of layout.got) got[sym] = slotAddress(a, slot);
  for (const [sym, slot] of layout.stubs) stub[sym] = slotAddress(a, slot);
  const indirect = new Map<number, number>();
  for (const [lea, slot] of layout.indirect) indirect.set(lea.key, slotAddress(a, slot));
  const gd = new Float64Array(n).fill(NaN);
  const tpoff = new Float64Array(n).fill(NaN);
  for (const [sym, slot] of layout.tls.gd) gd[sym] = slotAddress(a, slot);
  for (const [sym, slot] of layout.tls.tpoff) tpoff[sym] = slotAddress(a, slot);
  const ld = layout.tls.ld ? slotAddress(a, layout.tls.ld) : NaN;
  return { address, size, got, stub, GOT, indirect, gd, tpoff, ld, T: NaN, M: NaN };
}

/**
 * GOT entries hold their targets' addresses; stubs jump through them; copies hold their
 * bytes; the slot of a `lea sym+A(%rip)` made a load holds S + A + 4, what the lea computed.
 */
function writeSynthesized(layout: Layout, r: Resolution, a: Allocation, v: SymbolValues, copies: Map<number, Uint8Array>): void {
  const word = (slot: Slot, value: number) => {
    const bytes = a.segments[slot.segment]!.bytes;
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setBigUint64(slot.offset, BigInt(value), true);
  };
  for (const [sym, slot] of layout.copies) a.segments[slot.segment]!.bytes.set(copies.get(sym)!, slot.offset);
  for (const [sym, slot] of layout.got) word(slot, v.address[sym]!);
  for (const [lea, slot] of layout.indirect) word(slot, v.address[lea.sym]! + lea.r_addend + 4);
  // tls_index { module, offset }; an initial-exec entry holds the TP offset S + T.
  for (const [sym, slot] of layout.tls.gd) {
    word(slot, v.M);
    word({ segment: slot.segment, offset: slot.offset + 8 }, v.address[sym]!);
  }
  if (layout.tls.ld) word(layout.tls.ld, v.M);
  for (const [sym, slot] of layout.tls.tpoff) word(slot, v.address[sym]! + v.T);
  for (const [sym, slot] of layout.stubs) {
    writeStub(a.segments[slot.segment]!.bytes, slot.offset, slotAddress(a, slot), v.got[sym]!);
  }
  for (const [sym, { code, callee }] of layout.shims) {
    const target = r.targets[sym] as Extract<Binding, { kind: 'shim' }>;
    word(callee, target.callee);
    NONSHARED_SHIMS.get(target.name)!.write(a.segments[code.segment]!.bytes, code.offset, slotAddress(a, code), slotAddress(a, layout.dsoHandle), slotAddress(a, callee));
  }
}

/**
 * Copies each loaded section into its working bytes and applies fixups; returns the relocated
 * debug sections, concatenated by name at the offsets `placeDebugSections` chose (and fills
 * `offsets` with their fields that hold offsets into debug sections).
 */
function relocateSections(g: ObjectGraph, layout: Layout, a: Allocation, v: SymbolValues, offsets: Map<string, DebugOffsets>, debugV: SymbolValues): Map<string, Uint8Array> {
  const debug = new Map<string, Uint8Array>();
  const pieces = new Map<string, GraphSection[]>();
  for (const s of g.sections) {
    if (!s || s.discarded || s.placement !== 'debug') continue;
    const list = pieces.get(s.name);
    if (list) list.push(s);
    else pieces.set(s.name, [s]);
  }
  const debugHomes = debugHomesOf(g);
  for (const [name, list] of pieces) {
    const last = list[list.length - 1]!;
    const whole = new Uint8Array(last.address + last.size);
    for (const s of list) {
      const bytes = whole.subarray(s.address, s.address + s.size);
      bytes.set(s.content!);
      if (!s.relocations.length) continue;
      applyFixups(g, s, bytes, debugV);
      if (layout.tls.sections.size) threadLocalLocations(s, bytes, v);
    }
    debug.set(name, whole);
    offsets.set(name, debugOffsets(list, debugHomes));
  }
  for (const s of g.sections) {
    if (!s || s.discarded || !inSegment(s.placement)) continue;
    const slot = layout.sections.get(s.index)!;
    const bytes = a.segments[slot.segment]!.bytes.subarray(slot.offset, slot.offset + s.size);
    if (s.content) bytes.set(s.content);
    if (s.relocations.length) applyFixups(g, s, bytes, v);
  }
  return debug;
}

/** The fields of the pieces of one debug section that hold an offset into a debug section. */
function debugOffsets(pieces: GraphSection[], debugHomes: (string | undefined)[]): DebugOffsets {
  const count = pieces.reduce((n, s) => n + s.relocations.length, 0);
  const offset = new Uint32Array(count);
  const size = new Uint8Array(count);
  const target: string[] = [];
  for (const s of pieces) {
    const { type, sym, r_offset } = s.relocations;
    for (let i = 0; i < type.length; i++) {
      const home = debugHomes[sym[i]!];
      if (home === undefined) continue;
      offset[target.length] = s.address + r_offset[i]!;
      size[target.length] = ROWS[type[i]!]!.size; // scanRelocations has checked every type
      target.push(home);
    }
  }
  return { offset: offset.subarray(0, target.length), size: size.subarray(0, target.length), target };
}

/** Per symbol index, the name of the debug section that defines the symbol, if one does. */
function debugHomesOf(g: ObjectGraph): (string | undefined)[] {
  return g.symbols.map((symbol) => {
    const home = inSection(symbol) ? g.sections[symbol.st_shndx] : undefined;
    return home?.placement === 'debug' ? home.name : undefined;
  });
}

/** x86-64 Linux objects use the GNU symbol types and bindings whether or not they say so. */
const GNU = { ei_osabi: ELFOSABI_GNU };
/** readelf's words for each st_info nibble, looked up once rather than per symbol. */
const TYPE_NAMES = Array.from({ length: 16 }, (_, v) => symbolTypeName(v, GNU));
const BIND_NAMES = Array.from({ length: 16 }, (_, v) => symbolBindName(v, GNU));

function strengthOf(bind: number, shndx: number): number {
  return shndx === SHN_COMMON ? COMMON : bind === STB_GLOBAL ? STRONG : WEAK;
}

function describe(g: ObjectGraph, r: Resolution, layout: Layout, a: Allocation, v: SymbolValues, debugSections: Map<string, Uint8Array>, debugOffsets: Map<string, DebugOffsets>, tls: TlsBlock | undefined): LinkedObject {
  const sections: LoadedSection[] = [];
  for (const s of g.sections) {
    if (s && !s.discarded) sections.push({ name: s.name, placement: s.placement, address: s.address, size: s.size, sh_type: s.sh_type, align: s.align });
  }
  const symbols: LoadedSymbol[] = [];
  const definitions: Omit<Definition, 'owner'>[] = [];
  for (const s of g.symbols) {
    if (s.name === '' || s.type === STT_FILE || s.type === STT_SECTION || r.targets[s.index]!.kind !== 'self') continue;
    const sec = inSection(s) ? g.sections[s.st_shndx] : undefined;
    if (inSection(s) && (!sec || sec.discarded)) continue;
    if (sec?.placement === 'tls') continue; // an offset in each thread's block, not an address
    if (s.st_shndx === SHN_COMMON && !layout.commons.has(s.index)) continue;
    if (!inSection(s) && s.st_shndx !== SHN_ABS && s.st_shndx !== SHN_COMMON) continue;
    const address = v.address[s.index]!;
    symbols.push({ name: s.name, address, size: s.size, type: s.type, bind: s.bind, typeName: TYPE_NAMES[s.type]!, bindName: BIND_NAMES[s.bind]! });
    if (s.bind !== STB_LOCAL && isExternal(s)) {
      definitions.push({ name: s.name, address, size: s.size, strength: strengthOf(s.bind, s.st_shndx), object: g.name });
    }
  }
  return {
    name: g.name,
    allocation: a,
    sections,
    symbols,
    definitions,
    groups: loadedGroups(g),
    debugSections,
    debugOffsets,
    frames: layout.frames.map((i) => g.sections[i]!.address),
    dsoHandle: slotAddress(a, layout.dsoHandle),
    tls,
    ...runtimeLists(g.sections.filter((s): s is GraphSection => !!s && !s.discarded && inSegment(s.placement)), a, layout),
  };
}
