/**
 * The C and C++ run-time lists of a linked object, read from its relocated working bytes:
 * initializers (.preinit_array, .init_array, .ctors) in the order they run after loading, and
 * finalizers (.fini_array, .dtors) in the order they run on dispose. Priorities follow GNU ld:
 * `.init_array.N` and `.fini_array.N` sort by N before the unnumbered section; `.ctors.N` and
 * `.dtors.N` hold 65535 - priority, and .ctors/.dtors run backwards within an array.
 */
import type { Allocation } from '../memory/types.js';
import type { GraphSection } from './graph.js';
import type { Layout } from './layout.js';

export interface RuntimeLists {
  /** Function addresses, in call order. */
  initializers: number[];
  finalizers: number[];
}

const DEFAULT_PRIORITY = 65536;

interface Entry {
  priority: number;
  order: number;
  address: number;
}

export function runtimeLists(sections: GraphSection[], a: Allocation, layout: Layout): RuntimeLists {
  const init: Entry[] = [];
  const fini: Entry[] = [];
  let order = 0;
  for (const s of sections) {
    const kind = arrayKind(s.name);
    if (!kind) continue;
    const slot = layout.sections.get(s.index)!;
    const bytes = a.segments[slot.segment]!.bytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset + slot.offset, s.size);
    const words: number[] = [];
    for (let o = 0; o + 8 <= s.size; o += 8) words.push(Number(view.getBigUint64(o, true)));
    // .ctors/.dtors hold their functions in reverse call order.
    if (kind.legacy) words.reverse();
    for (const address of words) {
      // 0 and -1 are the terminators/markers of legacy .ctors lists.
      if (address === 0 || address >= 2 ** 64 - 1) continue;
      (kind.init ? init : fini).push({ priority: kind.priority, order: order++, address });
    }
  }
  const sorted = (xs: Entry[]) => xs.sort((p, q) => p.priority - q.priority || p.order - q.order).map((e) => e.address);
  return { initializers: sorted(init), finalizers: sorted(fini).reverse() };
}

function arrayKind(name: string): { init: boolean; legacy: boolean; priority: number } | undefined {
  const m = /^\.(preinit_array|init_array|fini_array|ctors|dtors)(?:\.(\d+))?$/.exec(name);
  if (!m) return undefined;
  const [, base, n] = m;
  const legacy = base === 'ctors' || base === 'dtors';
  const init = base !== 'fini_array' && base !== 'dtors';
  let priority = n === undefined ? DEFAULT_PRIORITY : legacy ? 65535 - Number(n) : Number(n);
  if (base === 'preinit_array') priority = -1;
  return { init, legacy, priority };
}
