// Text for the records of this layer, in the layout of llvm-dwarfdump (and readelf for CFI
// register operands). Parsing lives in the section modules; this file only formats.
import { decodeCfa, readCfi, type CfaInstruction, type CfiSection } from './cfi.js';
import type { Dwarf } from './dwarf.js';
import { formatExpression, type FormatOptions } from './expr.js';
import * as C from './forms/consts.js';
import { isAddressForm, type AttrValue, type Die, type Unit } from './info.js';
import type { LineProgram } from './line.js';
import { readLocations } from './loc.js';
import { readRanges } from './ranges.js';
import { registerName } from './registers.js';
import { qualifiedTypeName } from './type-name.js';
import { hex } from './values.js';

const ENUM_ATTRS = new Map<number, C.Family>([
  [C.DW_AT_language, 'LANG'], [C.DW_AT_encoding, 'ATE'], [C.DW_AT_inline, 'INL'], [C.DW_AT_accessibility, 'ACCESS'],
  [C.DW_AT_virtuality, 'VIRTUALITY'], [C.DW_AT_calling_convention, 'CC'], [C.DW_AT_visibility, 'VIS'],
  [C.DW_AT_identifier_case, 'ID'], [C.DW_AT_ordering, 'ORD'],
]);
const DECIMAL_ATTRS = new Set([C.DW_AT_decl_line, C.DW_AT_call_line]);
const NAMED_REFERENCES = new Set([C.DW_AT_abstract_origin, C.DW_AT_specification]);
const EXPRESSION_ATTRS = new Set([
  C.DW_AT_location, C.DW_AT_frame_base, C.DW_AT_data_member_location, C.DW_AT_use_location, C.DW_AT_vtable_elem_location,
  C.DW_AT_string_length, C.DW_AT_return_addr, C.DW_AT_static_link, C.DW_AT_call_value, C.DW_AT_call_data_value,
  C.DW_AT_call_data_location, C.DW_AT_call_target, C.DW_AT_GNU_call_site_value, C.DW_AT_GNU_call_site_target,
]);
const FILE_ATTRS = new Set([C.DW_AT_decl_file, C.DW_AT_call_file]);

/** How expressions of `unit` print: its sizes, register names, base types by DIE. */
export function expressionOptions(unit: Unit): FormatOptions & { addressSize: number; offsetSize: 4 | 8 } {
  const machine = unit.dwarf.options.machine;
  return {
    addressSize: unit.addressSize,
    offsetSize: unit.offsetSize,
    registerName: (n) => registerName(machine, n),
    baseType: (offset) => {
      try {
        const die = unit.dieAt(unit.offset + offset);
        return die.tag === C.DW_TAG_base_type ? { offset: die.offset, name: die.string(C.DW_AT_name) } : null;
      } catch {
        return null;
      }
    },
  };
}

function plain(v: AttrValue, form: number): string {
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Uint8Array) return `<0x${v.length.toString(16).padStart(2, '0')}> ${[...v].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
  switch (form) {
    case C.DW_FORM_data1: case C.DW_FORM_ref1: case C.DW_FORM_flag: return hex(v, 2);
    case C.DW_FORM_data2: case C.DW_FORM_ref2: return hex(v, 4);
    case C.DW_FORM_data4: case C.DW_FORM_ref4: case C.DW_FORM_sec_offset: case C.DW_FORM_ref_addr: return hex(v, 8);
    case C.DW_FORM_sdata: case C.DW_FORM_implicit_const: case C.DW_FORM_udata: return `${v}`;
    default: return hex(v, 16);
  }
}

/** One attribute's value, as llvm-dwarfdump shows it between parentheses. */
export function describeAttribute(die: Die, i: number): string {
  const unit = die.unit;
  const at = die.abbrev.attrs[i]!;
  const form = die.form(i);
  const v = die.value(i);
  const fam = ENUM_ATTRS.get(at);
  if (fam && typeof v === 'number') return C.nameOf(fam, v) ?? hex(v, 2);
  if (FILE_ATTRS.has(at) && typeof v === 'number') {
    const stmt = unit.root().numberOf(C.DW_AT_stmt_list);
    const path = stmt === undefined ? undefined : unit.dwarf.lineProgram(stmt, unit).filePath(v);
    return path === undefined ? hex(v, 2) : `"${path}"`;
  }
  if (DECIMAL_ATTRS.has(at) && typeof v === 'number') return `${v}`;
  if (v instanceof Uint8Array && (form === C.DW_FORM_exprloc || (EXPRESSION_ATTRS.has(at) && form !== C.DW_FORM_data16))) {
    return formatExpression(v, expressionOptions(unit), expressionOptions(unit));
  }
  if (at === C.DW_AT_ranges && typeof v === 'number') {
    const list = readRanges(unit, v, form).map((r) => `[${hex(r.begin, 16)}, ${hex(r.end, 16)})`);
    return `${hex(v, 8)}${list.map((s) => `\n${' '.repeat(die.depth * 2 + 17)}${s}`).join('')}`;
  }
  if (EXPRESSION_ATTRS.has(at) && typeof v === 'number' && (form === C.DW_FORM_sec_offset || form === C.DW_FORM_loclistx || (unit.version < 4 && (form === C.DW_FORM_data4 || form === C.DW_FORM_data8)))) {
    const opts = expressionOptions(unit);
    const list = readLocations(unit, v, form).map((e) =>
      `${e.begin === undefined ? '<default>' : `[${hex(e.begin, 16)}, ${hex(e.end!, 16)})`}: ${formatExpression(e.expr, opts, opts)}`);
    return `${hex(v, 8)}: ${list.map((s) => `\n${' '.repeat(die.depth * 2 + 17)}${s}`).join('')}`;
  }
  // A constant DW_AT_high_pc (DWARF 4+) is an offset from DW_AT_low_pc: shown as the end address it gives.
  if (at === C.DW_AT_high_pc && !isAddressForm(form)) {
    const range = die.lowHigh();
    if (range) return hex(range.high, unit.addressSize * 2);
  }
  if (typeof v === 'number' && isReferenceForm(form)) {
    const target = die.ref(at);
    const name = !target ? undefined : at === C.DW_AT_type ? qualifiedTypeName(target) : NAMED_REFERENCES.has(at) ? target.string(C.DW_AT_name) : undefined;
    return `${hex(v, 8)}${name !== undefined ? ` "${name}"` : ''}`;
  }
  return plain(v, form);
}

function isReferenceForm(form: number): boolean {
  return form === C.DW_FORM_ref1 || form === C.DW_FORM_ref2 || form === C.DW_FORM_ref4 || form === C.DW_FORM_ref8
    || form === C.DW_FORM_ref_udata || form === C.DW_FORM_ref_addr;
}

/** A unit as `llvm-dwarfdump --debug-info` prints it: header, then each DIE with its attributes. */
export function describeUnit(unit: Unit, write: (text: string) => void): void {
  const type = C.nameOf('UT', unit.unitType) ?? hex(unit.unitType, 2);
  const kind = unit.unitType === C.DW_UT_type || unit.unitType === C.DW_UT_split_type ? 'Type Unit' : 'Compile Unit';
  write(`${hex(unit.offset, 8)}: ${kind}: length = ${hex(unit.end - unit.offset - (unit.offsetSize === 4 ? 4 : 12), 8)}, format = DWARF${unit.offsetSize * 8}, version = ${hex(unit.version, 4)}, ${unit.version >= 5 ? `unit_type = ${type}, ` : ''}abbr_offset = ${hex(unit.abbrevOffset, 4)}, addr_size = ${hex(unit.addressSize, 2)} (next unit at ${hex(unit.end, 8)})\n\n`);
  unit.walk((die) => {
    const indent = ' '.repeat(die.depth * 2);
    if (die.isNull) {
      write(`${hex(die.offset, 8)}: ${indent}NULL\n\n`);
      return;
    }
    let text = `${hex(die.offset, 8)}: ${indent}${C.nameOrUnknown('TAG', die.tag)}\n`;
    for (let i = 0; i < die.abbrev.attrs.length; i++) {
      text += `${indent}              ${C.nameOrUnknown('AT', die.abbrev.attrs[i]!)}\t(${describeAttribute(die, i)})\n`;
    }
    write(`${text}\n`);
  });
}

/** A line program as `llvm-dwarfdump --debug-line` prints it: header summary, files, rows. */
export function describeLineProgram(p: LineProgram, write: (text: string) => void): void {
  let text = `debug_line[${hex(p.offset, 8)}]\nLine table prologue:\n    total_length: ${hex(p.unitLength, 8)}\n          format: DWARF${p.offsetSize * 8}\n         version: ${p.version}\n`;
  text += ` min_inst_length: ${p.minimumInstructionLength}\nmax_ops_per_inst: ${p.maximumOperationsPerInstruction}\n default_is_stmt: ${p.defaultIsStmt ? 1 : 0}\n       line_base: ${p.lineBase}\n      line_range: ${p.lineRange}\n     opcode_base: ${p.opcodeBase}\n`;
  const dirBase = p.version >= 5 ? 0 : 1;
  p.includeDirectories.forEach((d, i) => { text += `include_directories[${String(i + dirBase).padStart(3)}] = "${d}"\n`; });
  p.fileNames.forEach((f, i) => { text += `file_names[${String(i + p.firstFileIndex).padStart(3)}]:\n           name: "${f.name}"\n      dir_index: ${f.dirIndex}\n`; });
  text += '\nAddress            Line   Column File   ISA Discriminator Flags\n------------------ ------ ------ ------ --- ------------- -------------\n';
  write(text);
  let rows = '';
  p.run((row) => {
    const flags = [row.isStmt && 'is_stmt', row.basicBlock && 'basic_block', row.prologueEnd && 'prologue_end', row.epilogueBegin && 'epilogue_begin', row.endSequence && 'end_sequence'].filter(Boolean).join(' ');
    rows += `${hex(row.address, 16)} ${String(row.line).padStart(6)} ${String(row.column).padStart(6)} ${String(row.file).padStart(6)} ${String(row.isa).padStart(3)} ${String(row.discriminator).padStart(13)} ${flags ? ` ${flags}` : ''}\n`;
    if (rows.length > 1 << 16) {
      write(rows);
      rows = '';
    }
  });
  write(`${rows}\n`);
}

/** A call frame instruction: name and operands, registers by name. */
export function describeCfa(i: CfaInstruction, dwarf: Dwarf, addressSize: number): string {
  const reg = (n: number): string => registerName(dwarf.options.machine, n) ?? `reg${n}`;
  const parts: string[] = [];
  if (i.location !== undefined) parts.push(hex(i.location));
  if (i.register !== undefined) parts.push(reg(i.register));
  if (i.register2 !== undefined) parts.push(reg(i.register2));
  if (i.value !== undefined) parts.push(`${i.value >= 0 ? '+' : ''}${i.value}`);
  if (i.expr) parts.push(formatExpression(i.expr, { addressSize, offsetSize: 4 }, { registerName: (n) => registerName(dwarf.options.machine, n) }));
  return parts.length ? `${i.name}: ${parts.join(' ')}` : i.name;
}

/** .eh_frame or .debug_frame as `llvm-dwarfdump --eh-frame` / `--debug-frame` lays it out. */
export function describeCfi(dwarf: Dwarf, section: CfiSection, write: (text: string) => void): void {
  write(`${section} contents:\n\n`);
  for (const e of readCfi(dwarf, section)) {
    if (e.kind === 'terminator') {
      write(`${hex(e.offset, 8)} ZERO terminator\n\n`);
      continue;
    }
    let text: string;
    let start = 0;
    if (e.kind === 'cie') {
      text = `${hex(e.offset, 8)} ${hex(e.length, 8)} CIE\n  Version:               ${e.version}\n  Augmentation:          "${e.augmentation}"\n  Code alignment factor: ${e.codeAlignmentFactor}\n  Data alignment factor: ${e.dataAlignmentFactor}\n  Return address column: ${e.returnAddressRegister}\n`;
    } else {
      text = `${hex(e.offset, 8)} ${hex(e.length, 8)} FDE cie=${hex(e.cie.offset, 8)} pc=${hex(e.pcBegin, 8)}...${hex(e.pcBegin + e.pcRange, 8)}\n`;
      start = e.pcBegin;
    }
    const cie = e.kind === 'cie' ? e : e.cie;
    for (const i of decodeCfa(dwarf, section, e.instructions, e.instructionsOffset, cie, start)) text += `  ${describeCfa(i, dwarf, cie.addressSize)}\n`;
    write(`${text}\n`);
  }
}
