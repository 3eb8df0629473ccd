import type { ByteReader } from '../binary/index.js';
import type { Dwarf } from './dwarf.js';
import * as C from './forms/consts.js';
import { readAddress } from './values.js';

export type CfiSection = '.eh_frame' | '.debug_frame';

/** A Common Information Entry (DWARF 5, 6.4.1; LSB's .eh_frame augmentations z, R, P, L, S). */
export interface Cie {
  kind: 'cie';
  offset: number;
  length: number;
  version: number;
  augmentation: string;
  addressSize: number;
  segmentSelectorSize: number;
  codeAlignmentFactor: number;
  dataAlignmentFactor: number;
  returnAddressRegister: number;
  augmentationData?: Uint8Array;
  /** DW_EH_PE_* of FDE addresses ('R'); DW_EH_PE_absptr when absent. */
  fdeEncoding: number;
  /** DW_EH_PE_* of the FDEs' LSDA pointers ('L'). */
  lsdaEncoding?: number;
  personalityEncoding?: number;
  personality?: number;
  signalFrame: boolean;
  instructions: Uint8Array;
  /** Offset of the first instruction in the section. */
  instructionsOffset: number;
}

/** A Frame Description Entry. */
export interface Fde {
  kind: 'fde';
  offset: number;
  length: number;
  cie: Cie;
  pcBegin: number;
  pcRange: number;
  augmentationData?: Uint8Array;
  lsda?: number;
  instructions: Uint8Array;
  instructionsOffset: number;
}

/** The .eh_frame terminator (a zero length word). */
export interface CfiTerminator {
  kind: 'terminator';
  offset: number;
}

export type CfiEntry = Cie | Fde | CfiTerminator;

/**
 * Every entry of .eh_frame or .debug_frame in section order. Pointers are decoded by their
 * DW_EH_PE_* encoding; pc-relative ones use the section's address from DwarfOptions.addressOf
 * (0 when unknown, as in a relocatable object). Indirect pointers are returned undereferenced.
 */
export function readCfi(dwarf: Dwarf, section: CfiSection, defaultAddressSize = 8): CfiEntry[] {
  const r = dwarf.sections.reader(section);
  const eh = section === '.eh_frame';
  const sectionAddress = dwarf.options.addressOf?.(section) ?? 0;
  const textAddress = dwarf.options.addressOf?.('.text') ?? 0;
  const cies = new Map<number, Cie>();
  const out: CfiEntry[] = [];
  const pointer = (encoding: number, addressSize: number): number => readEncoded(r, encoding, addressSize, sectionAddress, textAddress);
  for (let offset = 0; offset < r.length; ) {
    r.seek(offset);
    let length = r.u32();
    let offsetSize: 4 | 8 = 4;
    if (length === 0xffffffff) {
      length = r.u64n('entry length');
      offsetSize = 8;
    }
    if (length === 0) {
      out.push({ kind: 'terminator', offset });
      if (eh) break;
      offset = r.pos;
      continue;
    }
    r.need(r.pos, length, 'CFI entry');
    const end = r.pos + length;
    const idAt = r.pos;
    const id = readCieId(r, offsetSize);
    if (isCieId(id, eh)) {
      const cie = readCie(r, offset, length, end, eh, defaultAddressSize, pointer);
      cies.set(offset, cie);
      out.push(cie);
    } else {
      const cieOffset = eh ? idAt - Number(id) : Number(id);
      const cie = cies.get(cieOffset) ?? readCieAt(r, cieOffset, eh, defaultAddressSize, pointer, cies);
      r.seek(idAt + offsetSize);
      const pcBegin = pointer(cie.fdeEncoding, cie.addressSize);
      const pcRange = pointer(cie.fdeEncoding & 0x0f, cie.addressSize);
      let augmentationData: Uint8Array | undefined;
      let lsda: number | undefined;
      if (cie.augmentation.startsWith('z')) {
        const len = r.uleb128();
        const dataAt = r.pos;
        augmentationData = r.take(len, 'augmentation data');
        if (cie.lsdaEncoding !== undefined && cie.lsdaEncoding !== C.DW_EH_PE_omit && len > 0) {
          r.seek(dataAt);
          lsda = pointer(cie.lsdaEncoding, cie.addressSize);
          r.seek(dataAt + len);
        }
      }
      if (r.pos > end) throw r.error('FDE header runs past the end of the entry', offset);
      out.push({ kind: 'fde', offset, length, cie, pcBegin, pcRange, augmentationData, lsda, instructionsOffset: r.pos, instructions: r.bytes.subarray(r.pos, end) });
    }
    offset = end;
  }
  return out;
}

/** The CIE id / CIE pointer field: all ones marks a CIE in .debug_frame, 0 in .eh_frame. */
function readCieId(r: ByteReader, offsetSize: 4 | 8): bigint {
  return offsetSize === 4 ? BigInt(r.u32()) : r.u64();
}

function isCieId(id: bigint, eh: boolean): boolean {
  return eh ? id === 0n : id === 0xffffffffn || id === 0xffffffffffffffffn;
}

type PointerReader = (encoding: number, addressSize: number) => number;

/** The CIE an FDE points to when it was not met first in section order. */
function readCieAt(r: ByteReader, offset: number, eh: boolean, addressSize: number, pointer: PointerReader, cies: Map<number, Cie>): Cie {
  if (!(offset >= 0 && offset + 4 <= r.length)) throw r.error(`CIE pointer 0x${offset.toString(16)} is outside the section`, offset < 0 ? 0 : r.length);
  r.seek(offset);
  let length = r.u32();
  let offsetSize = 4;
  if (length === 0xffffffff) {
    length = r.u64n('entry length');
    offsetSize = 8;
  }
  r.need(r.pos, length, 'CIE');
  const end = r.pos + length;
  if (!isCieId(readCieId(r, offsetSize as 4 | 8), eh)) throw r.error('FDE points to an entry that is not a CIE', offset);
  const cie = readCie(r, offset, length, end, eh, addressSize, pointer);
  cies.set(offset, cie);
  return cie;
}

function readCie(r: ByteReader, offset: number, length: number, end: number, eh: boolean, defaultAddressSize: number, pointer: PointerReader): Cie {
  const version = r.u8();
  if (version !== 1 && version !== 3 && version !== 4) throw r.error(`unsupported CIE version ${version}`, r.pos - 1);
  const augmentation = r.cstring('augmentation');
  let addressSize = defaultAddressSize;
  let segmentSelectorSize = 0;
  if (version >= 4) {
    addressSize = r.u8();
    segmentSelectorSize = r.u8();
    if (![1, 2, 4, 8].includes(addressSize)) throw r.error(`address size ${addressSize}`, r.pos - 2);
  }
  if (augmentation.includes('eh') && !eh) r.skip(addressSize);
  const codeAlignmentFactor = r.uleb128();
  const dataAlignmentFactor = r.sleb128();
  const returnAddressRegister = version === 1 ? r.u8() : r.uleb128();
  const cie: Cie = {
    kind: 'cie', offset, length, version, augmentation, addressSize, segmentSelectorSize, codeAlignmentFactor,
    dataAlignmentFactor, returnAddressRegister, fdeEncoding: C.DW_EH_PE_absptr, signalFrame: false,
    instructions: new Uint8Array(0), instructionsOffset: 0,
  };
  if (augmentation.startsWith('z')) {
    const len = r.uleb128();
    const dataAt = r.pos;
    cie.augmentationData = r.take(len, 'augmentation data');
    r.seek(dataAt);
    for (const c of augmentation.slice(1)) {
      switch (c) {
        case 'R': cie.fdeEncoding = r.u8(); break;
        case 'L': cie.lsdaEncoding = r.u8(); break;
        case 'P': cie.personalityEncoding = r.u8(); cie.personality = pointer(cie.personalityEncoding, addressSize); break;
        case 'S': cie.signalFrame = true; break;
        case 'B': case 'G': break; // AArch64 BTI / MTE markers: no data.
      }
      // An unknown letter: the rest of the data cannot be interpreted; 'z' says how long it is.
      if (!'RLPSBG'.includes(c)) break;
    }
    r.seek(dataAt + len);
  } else if (augmentation !== '' && augmentation !== 'eh') {
    // Without 'z' an unknown augmentation has unknown data: the instructions cannot be found.
    cie.instructionsOffset = end;
    return cie;
  }
  if (r.pos > end) throw r.error('CIE header runs past the end of the entry', offset);
  cie.instructionsOffset = r.pos;
  cie.instructions = r.bytes.subarray(r.pos, end);
  return cie;
}

/** A pointer of DW_EH_PE_* `encoding` at the cursor. */
export function readEncoded(r: ByteReader, encoding: number, addressSize: number, sectionAddress: number, textAddress: number): number {
  if (encoding === C.DW_EH_PE_omit) return 0;
  const at = r.pos;
  let v: number;
  switch (encoding & 0x0f) {
    case C.DW_EH_PE_absptr: v = readAddress(r, addressSize); break;
    case C.DW_EH_PE_uleb128: v = r.uleb128(); break;
    case C.DW_EH_PE_udata2: v = r.u16(); break;
    case C.DW_EH_PE_udata4: v = r.u32(); break;
    case C.DW_EH_PE_udata8: v = readAddress(r, 8); break;
    case C.DW_EH_PE_sleb128: v = r.sleb128(); break;
    case C.DW_EH_PE_sdata2: v = r.i16(); break;
    case C.DW_EH_PE_sdata4: v = r.i32(); break;
    case C.DW_EH_PE_sdata8: v = r.i64n('pointer'); break;
    default: throw r.error(`unknown pointer encoding 0x${encoding.toString(16)}`, at);
  }
  switch (encoding & 0x70) {
    case 0: break;
    case C.DW_EH_PE_pcrel: v += sectionAddress + at; break;
    case C.DW_EH_PE_textrel: v += textAddress; break;
    case C.DW_EH_PE_datarel: case C.DW_EH_PE_funcrel: break; // Bases the section getter cannot know.
    case C.DW_EH_PE_aligned: break;
    default: throw r.error(`unknown pointer application 0x${(encoding & 0x70).toString(16)}`, at);
  }
  // Truncate to the address width, as the unwinder does (pc-relative values of 4-byte pointers wrap).
  return addressSize === 4 || (encoding & 0x0f) === C.DW_EH_PE_udata4 || (encoding & 0x0f) === C.DW_EH_PE_sdata4 ? v >>> 0 : v;
}

/** One decoded call frame instruction (DWARF 5, 6.4.2), operands already scaled by the CIE's factors. */
export interface CfaInstruction {
  /** Offset in the section. */
  offset: number;
  op: number;
  name: string;
  /** DW_CFA_advance_loc*, set_loc: the new location. */
  location?: number;
  register?: number;
  /** DW_CFA_register: the second register. */
  register2?: number;
  /** Offsets, scaled (offset and def_cfa forms: factored by the data alignment where the spec says so). */
  value?: number;
  expr?: Uint8Array;
}

/**
 * Decodes the instructions of a CIE or FDE. `start` is the FDE's pc_begin (locations of
 * advance instructions accumulate from it). Each instruction consumes at least one byte.
 */
export function decodeCfa(dwarf: Dwarf, section: CfiSection, bytes: Uint8Array, offset: number, cie: Cie, start = 0): CfaInstruction[] {
  const r = dwarf.sections.reader(section).sub(offset, bytes.length, 'call frame instructions');
  const sectionAddress = dwarf.options.addressOf?.(section) ?? 0;
  const textAddress = dwarf.options.addressOf?.('.text') ?? 0;
  const out: CfaInstruction[] = [];
  const caf = cie.codeAlignmentFactor;
  const daf = cie.dataAlignmentFactor;
  let loc = start;
  while (!r.atEnd) {
    const at = r.pos;
    const byte = r.u8();
    const high = byte & 0xc0;
    const op = high ? high : byte;
    const i: CfaInstruction = { offset: offset + at, op, name: C.nameOf('CFA', op) ?? `DW_CFA_unknown_0x${op.toString(16)}` };
    switch (op) {
      case C.DW_CFA_advance_loc: loc += (byte & 0x3f) * caf; i.location = loc; break;
      case C.DW_CFA_offset: i.register = byte & 0x3f; i.value = r.uleb128() * daf; break;
      case C.DW_CFA_restore: i.register = byte & 0x3f; break;
      case C.DW_CFA_nop: case C.DW_CFA_remember_state: case C.DW_CFA_restore_state: case C.DW_CFA_GNU_window_save: break;
      case C.DW_CFA_set_loc: {
        const sub = r.sub(0, r.length);
        sub.pos = r.pos;
        loc = readEncoded(sub, cie.fdeEncoding, cie.addressSize, sectionAddress + offset, textAddress);
        r.pos = sub.pos;
        i.location = loc;
        break;
      }
      case C.DW_CFA_advance_loc1: loc += r.u8() * caf; i.location = loc; break;
      case C.DW_CFA_advance_loc2: loc += r.u16() * caf; i.location = loc; break;
      case C.DW_CFA_advance_loc4: loc += r.u32() * caf; i.location = loc; break;
      case C.DW_CFA_offset_extended: i.register = r.uleb128(); i.value = r.uleb128() * daf; break;
      case C.DW_CFA_restore_extended: case C.DW_CFA_undefined: case C.DW_CFA_same_value: case C.DW_CFA_def_cfa_register:
        i.register = r.uleb128();
        break;
      case C.DW_CFA_register: i.register = r.uleb128(); i.register2 = r.uleb128(); break;
      case C.DW_CFA_def_cfa: i.register = r.uleb128(); i.value = r.uleb128(); break;
      case C.DW_CFA_def_cfa_offset: i.value = r.uleb128(); break;
      case C.DW_CFA_def_cfa_expression: i.expr = r.take(r.uleb128(), 'CFA expression'); break;
      case C.DW_CFA_expression: case C.DW_CFA_val_expression: i.register = r.uleb128(); i.expr = r.take(r.uleb128(), 'CFA expression'); break;
      case C.DW_CFA_offset_extended_sf: case C.DW_CFA_val_offset_sf: i.register = r.uleb128(); i.value = r.sleb128() * daf; break;
      case C.DW_CFA_def_cfa_sf: i.register = r.uleb128(); i.value = r.sleb128() * daf; break;
      case C.DW_CFA_def_cfa_offset_sf: i.value = r.sleb128() * daf; break;
      case C.DW_CFA_val_offset: i.register = r.uleb128(); i.value = r.uleb128() * daf; break;
      case C.DW_CFA_GNU_args_size: i.value = r.uleb128(); break;
      case C.DW_CFA_GNU_negative_offset_extended: i.register = r.uleb128(); i.value = -r.uleb128() * daf; break;
      default: throw r.error(`unknown call frame instruction 0x${byte.toString(16)}`, at);
    }
    out.push(i);
  }
  return out;
}
