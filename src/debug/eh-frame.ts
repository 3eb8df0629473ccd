/**
 * Moving .eh_frame contents to another address. Its pointers are mostly PC-relative
 * (DW_EH_PE_pcrel: FDE initial locations, LSDA and personality pointers), so bytes relocated
 * for one address describe other code once copied elsewhere. `moveEhFrame` rewrites those
 * fields for the new address; nothing else in the section depends on where it lies (CIE
 * pointers are offsets within it). This is what merging several modules' .eh_frame into one
 * debug image needs: GDB reads a single .eh_frame per object file.
 */
import { ByteReader } from '../binary/reader.js';
import { FormatError } from '../binary/errors.js';
import * as C from '../dwarf/forms/consts.js';
import { UnmergeableError } from './errors.js';

interface CieEncodings {
  fde: number;
  lsda: number;
  augmented: boolean;
}

/**
 * A copy of .eh_frame `bytes` (relocated for address `from`) that means the same at address
 * `to`. Throws FormatError on a malformed section, and UnmergeableError when a rewritten pointer does
 * not fit its field (the new address is too far from what it points to).
 */
export function moveEhFrame(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const r = new ByteReader(bytes, true, { section: '.eh_frame' });
  const cies = new Map<number, CieEncodings>();
  const delta = from - to;
  /** Rewrites the pointer of `encoding` at the cursor, if it is PC-relative; moves past it. */
  const pointer = (encoding: number): void => {
    if (encoding === C.DW_EH_PE_omit) return;
    const at = r.pos;
    const size = pointerSize(encoding, r);
    r.skip(size);
    if ((encoding & 0x70) !== C.DW_EH_PE_pcrel) return;
    const signed = (encoding & C.DW_EH_PE_signed) !== 0;
    switch (size) {
      case 2: view.setInt16(at, fit(view.getInt16(at, true) + delta, 16, signed), true); break;
      case 4: view.setInt32(at, fit((signed ? view.getInt32(at, true) : view.getUint32(at, true)) + delta, 32, signed), true); break;
      case 8: view.setBigInt64(at, view.getBigInt64(at, true) + BigInt(delta), true); break;
    }
  };
  while (r.pos + 4 <= bytes.length) {
    const start = r.pos;
    let length = r.u32();
    if (length === 0) break; // the terminator
    if (length === 0xffffffff) length = r.u64n('length');
    const body = r.pos;
    r.need(body, length, 'CIE/FDE');
    const end = body + length;
    const id = r.u32();
    if (id === 0) {
      cies.set(start, cie(r));
    } else {
      const encodings = cies.get(body - id);
      if (!encodings) throw r.error(`FDE refers to a CIE at ${body - id}, which is not one`, start);
      pointer(encodings.fde);
      r.skip(pointerSize(encodings.fde & 0x0f, r)); // the address range: never relative
      if (encodings.augmented) {
        const size = r.uleb128();
        const data = r.pos;
        if (size > 0) pointer(encodings.lsda);
        r.seek(data + size);
      }
    }
    r.seek(end);
  }
  return out;

  /** Reads a CIE's augmentation, rewriting its personality pointer. */
  function cie(cr: ByteReader): CieEncodings {
    const version = cr.u8();
    const augmentation = cr.cstring('augmentation');
    if (augmentation.includes('eh')) cr.skip(8);
    cr.uleb128(); // code alignment factor
    cr.sleb128(); // data alignment factor
    if (version === 1) cr.u8();
    else cr.uleb128(); // return address register
    const e: CieEncodings = { fde: C.DW_EH_PE_absptr, lsda: C.DW_EH_PE_omit, augmented: augmentation.startsWith('z') };
    if (!e.augmented) return e;
    const size = cr.uleb128();
    const data = cr.pos;
    for (const ch of augmentation.slice(1)) {
      if (ch === 'R') e.fde = cr.u8();
      else if (ch === 'L') e.lsda = cr.u8();
      else if (ch === 'P') pointer(cr.u8());
      else if (ch !== 'S' && ch !== 'B' && ch !== 'G') break; // unknown: the rest of its data is skipped by size
    }
    cr.seek(data + size);
    return e;
  }
}

/** The size of a pointer of DW_EH_PE_* `encoding`; LEB128 sizes are read at the cursor. */
function pointerSize(encoding: number, r: ByteReader): number {
  switch (encoding & 0x0f) {
    case C.DW_EH_PE_absptr: case C.DW_EH_PE_udata8: case C.DW_EH_PE_sdata8: return 8;
    case C.DW_EH_PE_udata4: case C.DW_EH_PE_sdata4: return 4;
    case C.DW_EH_PE_udata2: case C.DW_EH_PE_sdata2: return 2;
    case C.DW_EH_PE_uleb128: case C.DW_EH_PE_sleb128: {
      const at = r.pos;
      r.uleb128();
      const size = r.pos - at;
      r.seek(at);
      if ((encoding & 0x70) === C.DW_EH_PE_pcrel) throw new FormatError('a PC-relative LEB128 pointer cannot be moved in place', { section: '.eh_frame', offset: at });
      return size;
    }
    default: throw r.error(`unknown pointer encoding 0x${encoding.toString(16)}`);
  }
}

function fit(value: number, bits: number, signed: boolean): number {
  const lo = signed ? -(2 ** (bits - 1)) : 0;
  const hi = signed ? 2 ** (bits - 1) : 2 ** bits;
  if (value < lo || value >= hi) throw new UnmergeableError(`a moved PC-relative .eh_frame pointer (${value}) does not fit ${bits} bits`, { section: '.eh_frame' });
  return value;
}
