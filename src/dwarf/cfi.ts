import type { ByteReader } from '../binary/index.js';
import type { Dwarf } from './dwarf.js';
import * as C from './forms/consts.js';
import { readInitialLength } from './initial-length.js';
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
  /** Offset of the personality pointer in the section. */
  personalityOffset?: number;
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
  /** Offset of the pc_begin pointer in the section. */
  pcBeginOffset: number;
  augmentationData?: Uint8Array;
  lsda?: number;
  /** Offset of the LSDA pointer in the section. */
  lsdaOffset?: number;
  instructions: Uint8Array;
  instructionsOffset: number;
}

/** The .eh_frame terminator (a zero length word). */
export interface CfiTerminator {
  kind: 'terminator';
  offset: number;
}

export type CfiEntry = Cie | Fde | CfiTerminator;

/** Where pc-relative and text-relative pointers of a CFI section are based, and the default address size. */
export interface CfiBases {
  /** Address of the section itself (DW_EH_PE_pcrel); 0 when unknown, as in a relocatable object. */
  sectionAddress: number;
  /** Address of .text (DW_EH_PE_textrel). */
  textAddress: number;
  /** Address size of CIEs before version 4, which do not record it. */
  addressSize: number;
}

/**
 * Every entry of .eh_frame or .debug_frame in section order. Pointers are decoded by their
 * DW_EH_PE_* encoding; pc-relative ones use the section's address from DwarfOptions.addressOf
 * (0 when unknown, as in a relocatable object). Indirect pointers are returned undereferenced.
 */
export function readCfi(dwarf: Dwarf, section: CfiSection, defaultAddressSize = 8): CfiEntry[] {
  const bases: CfiBases = {
    sectionAddress: dwarf.options.addressOf?.(section) ?? 0,
    textAddress: dwarf.options.addressOf?.('.text') ?? 0,
    addressSize: defaultAddressSize,
  };
  return readCfiEntries(dwarf.sections.reader(section), section, bases);
}

/**
 * The entries of CFI section `section` read by `r` (see readCfi): the one walker of CIEs and
 * FDEs, which both the DWARF reader and the code that moves .eh_frame use.
 */
export function readCfiEntries(r: ByteReader, section: CfiSection, bases: CfiBases): CfiEntry[] {
  const eh = section === '.eh_frame';
  const cies = new Map<number, Cie>();
  const out: CfiEntry[] = [];
  const pointer: PointerReader = (encoding, addressSize) => readEncoded(r, encoding, addressSize, bases.sectionAddress, bases.textAddress);
  const cieAt = (offset: number): Cie => {
    let cie = cies.get(offset);
    if (!cie) {
      if (!(offset >= 0 && offset < r.length)) throw r.error(`CIE pointer 0x${offset.toString(16)} is outside the section`, offset < 0 ? 0 : r.length);
      r.seek(offset);
      const header = readEntryHeader(r, eh);
      if (header.kind !== 'cie') throw r.error('FDE points to an entry that is not a CIE', offset);
      cie = readCie(r, offset, header.length, header.end, bases.addressSize, pointer);
      cies.set(offset, cie);
    }
    return cie;
  };
  for (let offset = 0; offset < r.length; ) {
    r.seek(offset);
    const header = readEntryHeader(r, eh);
    const { length, end } = header;
    if (header.kind === 'terminator') {
      out.push({ kind: 'terminator', offset });
      if (eh) break;
      offset = end;
      continue;
    }
    if (header.kind === 'cie') {
      out.push(cieAt(offset));
      offset = end;
      continue;
    }
    const cie = cieAt(header.cieOffset);
    r.seek(header.bodyOffset);
    const pcBeginOffset = r.pos;
    const pcBegin = pointer(cie.fdeEncoding, cie.addressSize);
    // The range is a length: its format is the CIE's, but it is never relative to anything.
    const pcRange = pointer(cie.fdeEncoding & C.DW_EH_PE_FORMAT_MASK, cie.addressSize);
    const fde: Fde = { kind: 'fde', offset, length, cie, pcBegin, pcRange, pcBeginOffset, instructionsOffset: 0, instructions: new Uint8Array(0) };
    if (cie.augmentation.startsWith('z')) {
      const len = r.uleb128();
      const dataAt = r.pos;
      fde.augmentationData = r.take(len, 'augmentation data');
      if (cie.lsdaEncoding !== undefined && cie.lsdaEncoding !== C.DW_EH_PE_omit && len > 0) {
        r.seek(dataAt);
        fde.lsdaOffset = dataAt;
        fde.lsda = pointer(cie.lsdaEncoding, cie.addressSize);
        r.seek(dataAt + len);
      }
    }
    if (r.pos > end) throw r.error('FDE header runs past the end of the entry', offset);
    fde.instructionsOffset = r.pos;
    fde.instructions = r.bytes.subarray(r.pos, end);
    out.push(fde);
    offset = end;
  }
  return out;
}

type EntryHeader =
  | { kind: 'terminator'; length: 0; end: number }
  | { kind: 'cie'; length: number; end: number }
  | { kind: 'fde'; length: number; end: number; cieOffset: number; bodyOffset: number };

/**
 * The length and CIE_id / CIE_pointer of the entry at the cursor, which is left after them.
 * In .debug_frame the field is an offset of the unit's size (4 or 8 bytes) from the start of
 * the section, and all ones marks a CIE (DWARF 5, 6.4.1). In .eh_frame it is 4 bytes whatever
 * the length's format, 0 marks a CIE, and an FDE's value is subtracted from the field's own
 * offset (LSB 5.0 Core, 10.6.1.1 "CIE Pointer: A 4 byte unsigned value"; gimli reads it so too,
 * `EhFrame::cie_offset_encoding` is always `CieOffsetEncoding::U32`).
 */
function readEntryHeader(r: ByteReader, eh: boolean): EntryHeader {
  const { length, offsetSize, end } = readInitialLength(r, 'CFI entry');
  if (length === 0) return { kind: 'terminator', length, end };
  const idAt = r.pos;
  if (eh) {
    const pointer = r.u32();
    return pointer === 0 ? { kind: 'cie', length, end } : { kind: 'fde', length, end, cieOffset: idAt - pointer, bodyOffset: r.pos };
  }
  const id = offsetSize === 4 ? BigInt(r.u32()) : r.u64();
  if (id === (offsetSize === 4 ? BigInt(C.DW_CIE_ID) : C.DW64_CIE_ID)) return { kind: 'cie', length, end };
  if (id > BigInt(Number.MAX_SAFE_INTEGER)) throw r.error(`CIE pointer 0x${id.toString(16)} is outside the section`, idAt);
  return { kind: 'fde', length, end, cieOffset: Number(id), bodyOffset: r.pos };
}

type PointerReader = (encoding: number, addressSize: number) => number;

/** The CIE at `offset`, whose id field the cursor has just passed. */
function readCie(r: ByteReader, offset: number, length: number, end: number, defaultAddressSize: number, pointer: PointerReader): Cie {
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
  // GCC's old "eh" augmentation: the address of the exception table, in either section (as readelf reads it).
  if (augmentation === 'eh') r.skip(addressSize);
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
        case 'P':
          cie.personalityEncoding = r.u8();
          cie.personalityOffset = r.pos;
          cie.personality = pointer(cie.personalityEncoding, addressSize);
          break;
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
  switch (encoding & C.DW_EH_PE_FORMAT_MASK) {
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
  switch (encoding & C.DW_EH_PE_APPLICATION_MASK) {
    case 0: break;
    case C.DW_EH_PE_pcrel: v += sectionAddress + at; break;
    case C.DW_EH_PE_textrel: v += textAddress; break;
    case C.DW_EH_PE_datarel: case C.DW_EH_PE_funcrel: break; // Bases the section getter cannot know.
    case C.DW_EH_PE_aligned: break;
    default: throw r.error(`unknown pointer application 0x${(encoding & C.DW_EH_PE_APPLICATION_MASK).toString(16)}`, at);
  }
  // Truncate to the address width, as the unwinder does (pc-relative values of 4-byte pointers wrap).
  return addressSize === 4 || (encoding & C.DW_EH_PE_FORMAT_MASK) === C.DW_EH_PE_udata4 || (encoding & C.DW_EH_PE_FORMAT_MASK) === C.DW_EH_PE_sdata4 ? v >>> 0 : v;
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
    const high = byte & C.DW_CFA_PRIMARY_MASK;
    const op = high ? high : byte;
    const i: CfaInstruction = { offset: offset + at, op, name: C.nameOf('CFA', op) ?? `DW_CFA_unknown_0x${op.toString(16)}` };
    switch (op) {
      case C.DW_CFA_advance_loc: loc += (byte & C.DW_CFA_OPERAND_MASK) * caf; i.location = loc; break;
      case C.DW_CFA_offset: i.register = byte & C.DW_CFA_OPERAND_MASK; i.value = r.uleb128() * daf; break;
      case C.DW_CFA_restore: i.register = byte & C.DW_CFA_OPERAND_MASK; break;
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
