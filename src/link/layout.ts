/**
 * Layout of one object: which segment each loaded section goes in and at what offset, plus
 * what the linker synthesizes — stubs and libc_nonshared shims (code), GOT entries and `__dso_handle` (read-only after
 * finalize), address slots for `lea`s made loads, copies of read-only process data, common
 * blocks (zero-fill) and a zero word after each .eh_frame, which ends the list
 * `__register_frame` walks. Offsets only: addresses come from the allocation.
 */
import { SEGMENT_KINDS, type SegmentKind, type SegmentRequest } from '../memory/types.js';
import { NONSHARED_SHIMS, STUB_SIZE } from './arch/x86-64.js';
import { LinkError } from './errors.js';
import { inSegment, type GraphSection, type ObjectGraph } from './graph.js';
import type { IndirectLea, Needs } from './passes.js';
import type { Resolution } from './resolve.js';

const PAGE = 4096;

export interface Slot {
  segment: number;
  offset: number;
}

export interface Layout {
  /** One request per segment kind, in SEGMENT_KINDS order (some may be empty). */
  requests: SegmentRequest[];
  /** Per section index, for loaded sections. */
  sections: Map<number, Slot>;
  /** GOT entry slot per symbol index; the GOT's base is `gotBase`. */
  got: Map<number, Slot>;
  gotBase: Slot;
  stubs: Map<number, Slot>;
  /** libc_nonshared functions made for this module, per symbol index: the code and the slot of its callee's address. */
  shims: Map<number, { code: Slot; callee: Slot }>;
  commons: Map<number, Slot>;
  copies: Map<number, Slot>;
  /** Per `lea` made a load, the slot holding its address (one slot per symbol and addend). */
  indirect: Map<IndirectLea, Slot>;
  dsoHandle: Slot;
  tls: TlsLayout;
  /** .eh_frame sections (each followed by its zero terminator). */
  frames: number[];
}

/**
 * The module's thread-local storage block, as a PT_TLS segment would lay it out: the
 * initialized TLS sections (.tdata) first, then the zero-filled ones (.tbss). Offsets only;
 * the slots hold tls_index pairs {module, offset} and initial-exec TP offsets.
 */
export interface TlsLayout {
  /** Offset in the block per TLS section index. */
  sections: Map<number, number>;
  /** Bytes of the initialization image (.tdata), of the whole block, and its alignment. */
  initSize: number;
  size: number;
  align: number;
  /** tls_index per symbol (general dynamic), the module's (local dynamic), TP offset entries (initial exec). */
  gd: Map<number, Slot>;
  ld: Slot | undefined;
  tpoff: Map<number, Slot>;
  /** The block must be in the static TLS area (initial- or local-exec code). */
  static: boolean;
}

export function isEhFrame(s: GraphSection): boolean {
  return s.name === '.eh_frame';
}

export function layoutObject(g: ObjectGraph, r: Resolution, needs: Needs): Layout {
  const sizes = SEGMENT_KINDS.map(() => 0);
  const aligns = SEGMENT_KINDS.map(() => 1);
  const seg = (k: SegmentKind) => SEGMENT_KINDS.indexOf(k);
  const place = (kind: SegmentKind, size: number, align: number): Slot => {
    if (align > PAGE) throw new LinkError(`alignment ${align} is larger than a page`, { file: g.name });
    const i = seg(kind);
    const offset = Math.ceil(sizes[i]! / align) * align;
    sizes[i] = offset + size;
    aligns[i] = Math.max(aligns[i]!, align);
    return { segment: i, offset };
  };

  const sections = new Map<number, Slot>();
  const frames: number[] = [];
  const loaded = g.sections.filter((s): s is GraphSection => !!s && !s.discarded);
  for (const s of loaded.sort((a, b) => codeRank(a) - codeRank(b))) {
    if (!inSegment(s.placement)) continue;
    const frame = isEhFrame(s) && s.size > 0;
    sections.set(s.index, place(s.placement, s.size + (frame ? 4 : 0), s.align));
    if (frame) frames.push(s.index);
  }
  const stubs = new Map<number, Slot>();
  for (const sym of needs.stubs) stubs.set(sym, place('code', STUB_SIZE, 16));
  const shims = new Map<number, { code: Slot; callee: Slot }>();
  r.targets.forEach((t, sym) => {
    if (t.kind === 'shim') shims.set(sym, { code: place('code', NONSHARED_SHIMS.get(t.name)!.size, 16), callee: place('rodata', 8, 8) });
  });
  const gotBase = place('rodata', 0, 8);
  const got = new Map<number, Slot>();
  for (const sym of needs.got) got.set(sym, place('rodata', 8, 8));
  const indirect = new Map<IndirectLea, Slot>();
  const slotOf = new Map<string, Slot>();
  for (const lea of needs.indirect) {
    const key = `${lea.sym}:${lea.r_addend}`;
    let slot = slotOf.get(key);
    if (!slot) slotOf.set(key, (slot = place('rodata', 8, 8)));
    indirect.set(lea, slot);
  }
  const dsoHandle = place('rodata', 8, 8);
  const tls = tlsLayout(g, needs, () => place('rodata', 16, 16), () => place('rodata', 8, 8));
  const copies = new Map<number, Slot>();
  for (const [sym, bytes] of needs.copies) copies.set(sym, place('rodata', bytes.length, 16));
  const commons = new Map<number, Slot>();
  for (const c of r.commons) commons.set(c.symbol, place('zero', c.size, Math.min(c.align, PAGE)));

  const requests = SEGMENT_KINDS.map((kind, i) => ({ kind, size: sizes[i]!, align: aligns[i]! }));
  return { requests, sections, got, gotBase, stubs, shims, commons, copies, indirect, dsoHandle, tls, frames };
}

function tlsLayout(g: ObjectGraph, needs: Needs, pair: () => Slot, word: () => Slot): TlsLayout {
  const sections = new Map<number, number>();
  let size = 0;
  let align = 1;
  let initSize = 0;
  const tls = g.sections.filter((s): s is GraphSection => !!s && !s.discarded && s.placement === 'tls');
  for (const s of [...tls.filter((t) => t.content), ...tls.filter((t) => !t.content)]) {
    const offset = Math.ceil(size / s.align) * s.align;
    sections.set(s.index, offset);
    size = offset + s.size;
    align = Math.max(align, s.align);
    if (s.content) initSize = size;
  }
  const gd = new Map<number, Slot>();
  for (const sym of needs.tls.gd) gd.set(sym, pair());
  const tpoff = new Map<number, Slot>();
  for (const sym of needs.tls.tpoff) tpoff.set(sym, word());
  return { sections, initSize, size, align, gd, ld: needs.tls.ld ? pair() : undefined, tpoff, static: needs.tls.static };
}

/**
 * Code sections in GNU ld's order (its default script): cold code (`.text.unlikely`, where GCC
 * puts a function's `.cold` part), exit, startup and hot code, then the rest. A function split
 * in two then spans the same way as natively: LLDB 14 takes one range from its lowest to its
 * highest address, and a cold part placed after other functions made it cover them (a backtrace
 * through sqlite3 lost frames). Other sections keep the object's order (sort is stable).
 */
function codeRank(s: GraphSection): number {
  if (s.placement !== 'code') return 0;
  const n = s.name;
  const is = (prefix: string) => n === prefix || n.startsWith(`${prefix}.`);
  if (is('.text.unlikely') || /^\.text\..*_unlikely$/.test(n)) return 0;
  if (is('.text.exit')) return 1;
  if (is('.text.startup')) return 2;
  if (is('.text.hot')) return 3;
  return 4;
}
