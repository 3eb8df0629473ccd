/**
 * Applies a section's relocations to its working bytes, for the section's target address.
 * Every write is bounds-checked against the section and every value against its field's
 * range; a failure is a LinkError naming object, section, offset and symbol.
 */
import {
  fits, leaToLoad, NEEDS_CANONICAL_STUB, NEEDS_STUB, NEEDS_TLS_GD, NEEDS_TLS_LD, NEEDS_TLS_TPOFF_ENTRY, type FixupValues, type RelocationRow,
} from './arch/x86-64.js';
import { LinkError } from './errors.js';
import { relocationKey, type GraphSection, type ObjectGraph } from './graph.js';
import { noRow, ROWS } from './passes.js';

export interface SymbolValues {
  /** Per symbol index: address, size, GOT entry address and stub address (NaN when none). */
  address: Float64Array;
  size: Float64Array;
  got: Float64Array;
  stub: Float64Array;
  /** The module's GOT base. */
  GOT: number;
  /** Per `lea` made a load (by relocationKey): the address of the slot it loads from. */
  indirect: ReadonlyMap<number, number>;
  /** Thread-local storage: per symbol its tls_index and TP-offset entry (NaN when none), the module's tls_index, T and M. */
  gd: Float64Array;
  tpoff: Float64Array;
  ld: number;
  T: number;
  M: number;
}

const TLS_ENTRIES = NEEDS_TLS_GD | NEEDS_TLS_LD | NEEDS_TLS_TPOFF_ENTRY;

const TWO_32 = 2 ** 32;

export function applyFixups(g: ObjectGraph, s: GraphSection, bytes: Uint8Array, values: SymbolValues): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const v: FixupValues = { S: 0, A: 0, P: 0, Z: 0, GOT: values.GOT, G: 0, L: 0, T: values.T, M: values.M };
  const { address, size, got } = values;
  const indirect = values.indirect.size ? values.indirect : undefined;
  const limit = s.size;
  const base = s.address;
  const { type: types, sym: syms, r_offset: offsets, r_addend: addends } = s.relocations;
  // A loop over every relocation of sqlite3.o mostly runs before V8 optimizes it: it does no more than each fixup needs.
  for (let i = 0; i < types.length; i++) {
    const type = types[i]!;
    const sym = syms[i]!;
    const offset = offsets[i]!;
    const row = ROWS[type] ?? noRow(g, s, type, sym, offset);
    if (!(offset >= 0 && offset + row.size <= limit)) fail(`${row.name} writes ${row.size} bytes at 0x${offset.toString(16)}, outside the section (0x${limit.toString(16)} bytes)`, sym, offset);
    v.S = v.L = address[sym]!;
    v.A = addends[i]!;
    v.P = base + offset;
    v.Z = size[sym]!;
    v.G = row.needs & TLS_ENTRIES ? tlsEntry(row, sym) : got[sym]!;
    const slot = indirect?.get(relocationKey(s, i));
    let value = slot === undefined ? row.compute(v) : leaToLoad(bytes, offset, v.P, slot);
    if (!(value >= row.min && value <= row.max)) {
      const stub = values.stub[sym]!;
      if (row.needs & (NEEDS_STUB | NEEDS_CANONICAL_STUB) && stub === stub) {
        v.L = stub;
        value = row.compute(v);
      }
      // NaN (a GOT entry that was not made) fails here too: a bug, kept loud.
      if (!fits(row.range, value)) outOfRange(row, value, sym, offset);
    }
    switch (row.size) {
      case 4: view.setUint32(offset, value >>> 0, true); break;
      case 8: {
        const hi = Math.floor(value / TWO_32);
        view.setUint32(offset, value - hi * TWO_32, true);
        view.setUint32(offset + 4, hi >>> 0, true);
        break;
      }
      case 2: view.setUint16(offset, value & 0xffff, true); break;
      case 1: if (type !== 0) view.setUint8(offset, value & 0xff); break;
    }
  }

  /** G of a TLS fixup: the symbol's tls_index, the module's, or the symbol's TP offset entry. */
  function tlsEntry(row: RelocationRow, sym: number): number {
    return row.needs & NEEDS_TLS_GD ? values.gd[sym]! : row.needs & NEEDS_TLS_LD ? values.ld : values.tpoff[sym]!;
  }

  function symbolName(sym: number): string {
    const symbol = g.symbols[sym];
    if (!symbol) return `#${sym}`;
    return symbol.name || g.sections[symbol.st_shndx]?.name || `#${sym}`;
  }

  function fail(reason: string, sym: number, offset: number): never {
    throw new LinkError(reason, { file: g.name, section: s.name, offset, symbol: symbolName(sym) });
  }

  function outOfRange(row: RelocationRow, value: number, sym: number, offset: number): never {
    const hint = row.name === 'R_X86_64_32' || row.name === 'R_X86_64_32S' || row.name === 'R_X86_64_PC32'
      ? ': the code is position-dependent and its target is out of reach; compile with -fPIC'
      : '';
    fail(`${row.name} value 0x${value.toString(16)} does not fit its ${row.range} field${hint}`, sym, offset);
  }
}
