/**
 * Moving .eh_frame contents to another address. Its pointers are mostly PC-relative
 * (DW_EH_PE_pcrel: FDE initial locations, LSDA and personality pointers), so bytes relocated
 * for one address describe other code once copied elsewhere. `moveEhFrame` rewrites those
 * fields for the new address; nothing else in the section depends on where it lies (CIE
 * pointers are offsets within it). This is what merging several modules' .eh_frame into one
 * debug image needs: GDB reads a single .eh_frame per object file.
 */
import { ByteReader } from '../binary/reader.js';
import { readCfiEntries } from '../dwarf/cfi.js';
import * as C from '../dwarf/forms/consts.js';
import { UnmergeableError } from './errors.js';

/**
 * A copy of .eh_frame `bytes` (relocated for address `from`) that means the same at address
 * `to`. Throws FormatError on a malformed section, and UnmergeableError when a rewritten pointer does
 * not fit its field (the new address is too far from what it points to).
 */
export function moveEhFrame(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const r = new ByteReader(bytes, true, { section: '.eh_frame' });
  const delta = from - to;
  /** Rewrites the pointer of `encoding` at `at` if it is PC-relative. */
  const move = (encoding: number | undefined, at: number | undefined): void => {
    if (encoding === undefined || at === undefined || encoding === C.DW_EH_PE_omit) return;
    if ((encoding & C.DW_EH_PE_APPLICATION_MASK) !== C.DW_EH_PE_pcrel) return;
    const signed = (encoding & C.DW_EH_PE_signed) !== 0;
    switch (encoding & C.DW_EH_PE_FORMAT_MASK) {
      case C.DW_EH_PE_udata2: case C.DW_EH_PE_sdata2: view.setInt16(at, fit(view.getInt16(at, true) + delta, 16, signed), true); break;
      case C.DW_EH_PE_udata4: case C.DW_EH_PE_sdata4: view.setInt32(at, fit((signed ? view.getInt32(at, true) : view.getUint32(at, true)) + delta, 32, signed), true); break;
      case C.DW_EH_PE_absptr: case C.DW_EH_PE_udata8: case C.DW_EH_PE_sdata8: view.setBigInt64(at, view.getBigInt64(at, true) + BigInt(delta), true); break;
      default: throw r.error('a PC-relative LEB128 pointer cannot be moved in place', at);
    }
  };
  // The pointers are decoded for address 0; only their positions and encodings matter here.
  for (const e of readCfiEntries(r, '.eh_frame', { sectionAddress: 0, textAddress: 0, addressSize: 8 })) {
    if (e.kind === 'cie') move(e.personalityEncoding, e.personalityOffset);
    else if (e.kind === 'fde') {
      move(e.cie.fdeEncoding, e.pcBeginOffset);
      move(e.cie.lsdaEncoding, e.lsdaOffset);
    }
  }
  return out;
}

function fit(value: number, bits: number, signed: boolean): number {
  const lo = signed ? -(2 ** (bits - 1)) : 0;
  const hi = signed ? 2 ** (bits - 1) : 2 ** bits;
  if (value < lo || value >= hi) throw new UnmergeableError(`a moved PC-relative .eh_frame pointer (${value}) does not fit ${bits} bits`, { section: '.eh_frame' });
  return value;
}
