// Text for the records of this layer, in the layout of llvm-dwarfdump (and readelf for CFI
// register operands), written as bytes into a TextWriter: `jitdbg dwarf --info` prints tens
// of megabytes, and a string per field costs more than the decoding. Parsing lives in the
// section modules; this file only formats.
import { TextWriter } from '../binary/text-writer.js';
import type { Abbrev } from './abbrev.js';
import { decodeCfa, readCfi, type CfaInstruction, type CfiSection } from './cfi.js';
import type { Dwarf } from './dwarf.js';
import { writeExpression, type FormatOptions } from './expr.js';
import * as C from './forms/consts.js';
import { isAddressForm, type AttrValue, type Die, type Unit } from './info.js';
import type { LineProgram } from './line.js';
import { readLocations } from './loc.js';
import { readRanges } from './ranges.js';
import { registerName } from './registers.js';
import { qualifiedTypeName } from './type-name.js';
import { hex } from './values.js';

const NL = 0x0a;
const SPACE = 0x20;
const QUOTE = 0x22;

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

type ExpressionOptions = FormatOptions & { addressSize: number; offsetSize: 4 | 8 };

/** How expressions of `unit` print: its sizes, register names, base types by DIE. */
export function expressionOptions(unit: Unit): ExpressionOptions {
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

/**
 * What the attributes of one unit share, worked out on first use: a unit has thousands of
 * DIEs, and the same files and types recur in most of them.
 */
interface UnitTexts {
  expression: ExpressionOptions;
  /** DW_AT_decl_file / call_file paths, by file index. */
  paths: Map<number, string | undefined>;
  /** The names quoted after references within the unit, by attribute (DW_AT_*) and target offset. */
  references: Map<number, Map<number, string | undefined>>;
}

const unitTexts = new WeakMap<Unit, UnitTexts>();

function textsOf(unit: Unit): UnitTexts {
  let t = unitTexts.get(unit);
  if (!t) unitTexts.set(unit, (t = { expression: expressionOptions(unit), paths: new Map(), references: new Map() }));
  return t;
}

/** The text of a DIE's lines that its abbreviation fixes: the tag's line, and each attribute's name up to its value. */
interface AbbrevText {
  tag: Uint8Array;
  attrs: Uint8Array[];
}

const abbrevTexts = new WeakMap<Abbrev, AbbrevText>();
const encoder = new TextEncoder();

/** AbbrevText, encoded once per abbreviation rather than looked up and encoded per DIE. */
function textOf(abbrev: Abbrev): AbbrevText {
  let t = abbrevTexts.get(abbrev);
  if (!t) {
    t = {
      tag: encoder.encode(`${C.nameOrUnknown('TAG', abbrev.tag)}\n`),
      attrs: Array.from(abbrev.attrs, (at) => encoder.encode(`${C.nameOrUnknown('AT', at)}\t(`)),
    };
    abbrevTexts.set(abbrev, t);
  }
  return t;
}

/** `0x` and at least `width` hex digits. */
function hexTo(out: TextWriter, v: number | bigint, width = 0): void {
  out.str('0x').hex(v, width);
}

function quotedTo(out: TextWriter, s: string): void {
  out.char(QUOTE).str(s).char(QUOTE);
}

function plain(v: AttrValue, form: number, out: TextWriter): void {
  if (typeof v === 'string') return quotedTo(out, v);
  if (typeof v === 'boolean') {
    out.str(v ? 'true' : 'false');
    return;
  }
  if (v instanceof Uint8Array) {
    out.str('<0x').hex(v.length, 2).str('> ');
    for (let k = 0; k < v.length; k++) {
      if (k > 0) out.char(SPACE);
      out.hex(v[k]!, 2);
    }
    return;
  }
  switch (form) {
    case C.DW_FORM_data1: case C.DW_FORM_ref1: case C.DW_FORM_flag: return hexTo(out, v, 2);
    case C.DW_FORM_data2: case C.DW_FORM_ref2: return hexTo(out, v, 4);
    case C.DW_FORM_data4: case C.DW_FORM_ref4: case C.DW_FORM_sec_offset: case C.DW_FORM_ref_addr: return hexTo(out, v, 8);
    case C.DW_FORM_sdata: case C.DW_FORM_implicit_const: case C.DW_FORM_udata: out.dec(v); return;
    default: return hexTo(out, v, 16);
  }
}

/** One attribute's value, as llvm-dwarfdump shows it between parentheses. */
export function describeAttribute(die: Die, i: number): string {
  const out = new TextWriter(256);
  writeAttribute(die, i, out);
  return out.toString();
}

/** describeAttribute, written to `out`. */
export function writeAttribute(die: Die, i: number, out: TextWriter): void {
  const unit = die.unit;
  const at = die.abbrev.attrs[i]!;
  const form = die.form(i);
  const v = die.value(i);
  const fam = ENUM_ATTRS.get(at);
  if (fam && typeof v === 'number') {
    const name = C.nameOf(fam, v);
    if (name === undefined) hexTo(out, v, 2);
    else out.str(name);
    return;
  }
  if (FILE_ATTRS.has(at) && typeof v === 'number') {
    const path = filePath(unit, v);
    return path === undefined ? hexTo(out, v, 2) : quotedTo(out, path);
  }
  if (DECIMAL_ATTRS.has(at) && typeof v === 'number') {
    out.dec(v);
    return;
  }
  if (v instanceof Uint8Array && (form === C.DW_FORM_exprloc || (EXPRESSION_ATTRS.has(at) && form !== C.DW_FORM_data16))) {
    const opts = textsOf(unit).expression;
    return writeExpression(v, opts, opts, out);
  }
  if (at === C.DW_AT_ranges && typeof v === 'number') return writeRanges(die, v, form, out);
  if (EXPRESSION_ATTRS.has(at) && typeof v === 'number' && (form === C.DW_FORM_sec_offset || form === C.DW_FORM_loclistx || (unit.version < 4 && (form === C.DW_FORM_data4 || form === C.DW_FORM_data8)))) {
    return writeLocations(die, v, form, out);
  }
  // A constant DW_AT_high_pc (DWARF 4+) is an offset from DW_AT_low_pc: shown as the end address it gives.
  if (at === C.DW_AT_high_pc && !isAddressForm(form)) {
    const range = die.lowHigh();
    if (range) return hexTo(out, range.high, unit.addressSize * 2);
  }
  if (typeof v === 'number' && isReferenceForm(form)) {
    const name = referenceName(die, i, at, form, v);
    hexTo(out, v, 8);
    if (name !== undefined) quotedTo(out.char(SPACE), name);
    return;
  }
  plain(v, form, out);
}

/** The path of file `index` of the line program of the unit's DW_AT_stmt_list. */
function filePath(unit: Unit, index: number): string | undefined {
  const paths = textsOf(unit).paths;
  if (paths.has(index)) return paths.get(index);
  const stmt = unit.root().numberOf(C.DW_AT_stmt_list);
  const path = stmt === undefined ? undefined : unit.dwarf.lineProgram(stmt, unit).filePath(index);
  paths.set(index, path);
  return path;
}

/**
 * The name llvm-dwarfdump quotes after reference attribute `i`, or undefined. The target is
 * read even when no name is shown, so that a reference to no DIE is an error. A reference
 * within the unit (all but DW_FORM_ref_addr) is looked up once per attribute and target.
 */
function referenceName(die: Die, i: number, at: number, form: number, target: number): string | undefined {
  if (form === C.DW_FORM_ref_addr) {
    const d = die.refAt(i);
    return d && quotedName(at, d);
  }
  const references = textsOf(die.unit).references;
  let names = references.get(at);
  if (!names) references.set(at, (names = new Map()));
  if (names.has(target)) return names.get(target);
  const d = die.refAt(i);
  const name = d && quotedName(at, d);
  names.set(target, name);
  return name;
}

/** DW_AT_type: the type's name; DW_AT_abstract_origin, DW_AT_specification: the target's DW_AT_name. */
function quotedName(at: number, d: Die): string | undefined {
  return at === C.DW_AT_type ? qualifiedTypeName(d) : NAMED_REFERENCES.has(at) ? d.string(C.DW_AT_name) : undefined;
}

/** The start of each entry of a list value: a new line, indented past the attribute's name. */
function listLine(die: Die, out: TextWriter): TextWriter {
  return out.char(NL).spaces(die.depth * 2 + 17);
}

function writeRanges(die: Die, v: number, form: number, out: TextWriter): void {
  const list = readRanges(die.unit, v, form);
  hexTo(out, v, 8);
  for (const r of list) writeRange(r.begin, r.end, listLine(die, out));
}

function writeLocations(die: Die, v: number, form: number, out: TextWriter): void {
  const list = readLocations(die.unit, v, form);
  const opts = textsOf(die.unit).expression;
  hexTo(out, v, 8);
  out.str(': ');
  for (const e of list) {
    listLine(die, out);
    if (e.begin === undefined) out.str('<default>');
    else writeRange(e.begin, e.end!, out);
    out.str(': ');
    writeExpression(e.expr, opts, opts, out);
  }
}

/** `[begin, end)`, each address in 16 digits. */
function writeRange(begin: number, end: number, out: TextWriter): void {
  out.str('[0x').hex(begin, 16).str(', 0x').hex(end, 16).char(0x29); // ')'
}

function isReferenceForm(form: number): boolean {
  return form === C.DW_FORM_ref1 || form === C.DW_FORM_ref2 || form === C.DW_FORM_ref4 || form === C.DW_FORM_ref8
    || form === C.DW_FORM_ref_udata || form === C.DW_FORM_ref_addr;
}

/** A unit as `llvm-dwarfdump --debug-info` prints it: header, then each DIE with its attributes. */
export function describeUnit(unit: Unit, out: TextWriter): void {
  const type = C.nameOf('UT', unit.unitType) ?? hex(unit.unitType, 2);
  const kind = unit.unitType === C.DW_UT_type || unit.unitType === C.DW_UT_split_type ? 'Type Unit' : 'Compile Unit';
  out.str(`${hex(unit.offset, 8)}: ${kind}: length = ${hex(unit.end - unit.offset - (unit.offsetSize === 4 ? 4 : 12), 8)}, format = DWARF${unit.offsetSize * 8}, version = ${hex(unit.version, 4)}, ${unit.version >= 5 ? `unit_type = ${type}, ` : ''}abbr_offset = ${hex(unit.abbrevOffset, 4)}, addr_size = ${hex(unit.addressSize, 2)} (next unit at ${hex(unit.end, 8)})\n\n`);
  unit.walk((die) => {
    const indent = die.depth * 2;
    hexTo(out, die.offset, 8);
    out.str(': ').spaces(indent);
    if (die.isNull) {
      out.str('NULL\n\n');
      return;
    }
    const text = textOf(die.abbrev);
    out.bytes(text.tag);
    for (let i = 0; i < text.attrs.length; i++) {
      out.spaces(indent + 14).bytes(text.attrs[i]!);
      writeAttribute(die, i, out);
      out.str(')\n');
    }
    out.char(NL);
  });
}

/** A line program as `llvm-dwarfdump --debug-line` prints it: header summary, files, rows. */
export function describeLineProgram(p: LineProgram, out: TextWriter): void {
  let text = `debug_line[${hex(p.offset, 8)}]\nLine table prologue:\n    total_length: ${hex(p.unitLength, 8)}\n          format: DWARF${p.offsetSize * 8}\n         version: ${p.version}\n`;
  text += ` min_inst_length: ${p.minimumInstructionLength}\nmax_ops_per_inst: ${p.maximumOperationsPerInstruction}\n default_is_stmt: ${p.defaultIsStmt ? 1 : 0}\n       line_base: ${p.lineBase}\n      line_range: ${p.lineRange}\n     opcode_base: ${p.opcodeBase}\n`;
  const dirBase = p.version >= 5 ? 0 : 1;
  p.includeDirectories.forEach((d, i) => { text += `include_directories[${String(i + dirBase).padStart(3)}] = "${d}"\n`; });
  p.fileNames.forEach((f, i) => { text += `file_names[${String(i + p.firstFileIndex).padStart(3)}]:\n           name: "${f.name}"\n      dir_index: ${f.dirIndex}\n`; });
  text += '\nAddress            Line   Column File   ISA Discriminator Flags\n------------------ ------ ------ ------ --- ------------- -------------\n';
  out.str(text);
  p.run((row) => {
    hexTo(out, row.address, 16);
    decimalField(row.line, 6, out.char(SPACE));
    decimalField(row.column, 6, out.char(SPACE));
    decimalField(row.file, 6, out.char(SPACE));
    decimalField(row.isa, 3, out.char(SPACE));
    decimalField(row.discriminator, 13, out.char(SPACE));
    out.char(SPACE);
    if (row.isStmt) out.str(' is_stmt');
    if (row.basicBlock) out.str(' basic_block');
    if (row.prologueEnd) out.str(' prologue_end');
    if (row.epilogueBegin) out.str(' epilogue_begin');
    if (row.endSequence) out.str(' end_sequence');
    out.char(NL);
  });
  out.char(NL);
}

/** `v` in decimal, right-aligned in `width` columns (printf's `%6u`). */
function decimalField(v: number, width: number, out: TextWriter): void {
  const start = out.length;
  out.dec(v).padStart(start, width);
}

/** A call frame instruction: name and operands, registers by name. */
export function describeCfa(i: CfaInstruction, dwarf: Dwarf, addressSize: number): string {
  const out = new TextWriter(64);
  writeCfa(i, dwarf, addressSize, out);
  return out.toString();
}

/** describeCfa, written to `out`. */
function writeCfa(i: CfaInstruction, dwarf: Dwarf, addressSize: number, out: TextWriter): void {
  const reg = (n: number): string => registerName(dwarf.options.machine, n) ?? `reg${n}`;
  out.str(i.name);
  let sep = ': ';
  const operand = (): TextWriter => {
    out.str(sep);
    sep = ' ';
    return out;
  };
  if (i.location !== undefined) hexTo(operand(), i.location);
  if (i.register !== undefined) operand().str(reg(i.register));
  if (i.register2 !== undefined) operand().str(reg(i.register2));
  if (i.value !== undefined) operand().str(i.value >= 0 ? '+' : '').dec(i.value);
  if (i.expr) writeExpression(i.expr, { addressSize, offsetSize: 4 }, { registerName: (n) => registerName(dwarf.options.machine, n) }, operand());
}

/** .eh_frame or .debug_frame as `llvm-dwarfdump --eh-frame` / `--debug-frame` lays it out. */
export function describeCfi(dwarf: Dwarf, section: CfiSection, out: TextWriter): void {
  out.str(`${section} contents:\n\n`);
  for (const e of readCfi(dwarf, section)) {
    if (e.kind === 'terminator') {
      out.str(`${hex(e.offset, 8)} ZERO terminator\n\n`);
      continue;
    }
    let start = 0;
    if (e.kind === 'cie') {
      out.str(`${hex(e.offset, 8)} ${hex(e.length, 8)} CIE\n  Version:               ${e.version}\n  Augmentation:          "${e.augmentation}"\n  Code alignment factor: ${e.codeAlignmentFactor}\n  Data alignment factor: ${e.dataAlignmentFactor}\n  Return address column: ${e.returnAddressRegister}\n`);
    } else {
      out.str(`${hex(e.offset, 8)} ${hex(e.length, 8)} FDE cie=${hex(e.cie.offset, 8)} pc=${hex(e.pcBegin, 8)}...${hex(e.pcBegin + e.pcRange, 8)}\n`);
      start = e.pcBegin;
    }
    const cie = e.kind === 'cie' ? e : e.cie;
    for (const i of decodeCfa(dwarf, section, e.instructions, e.instructionsOffset, cie, start)) {
      writeCfa(i, dwarf, cie.addressSize, out.str('  '));
      out.char(NL);
    }
    out.char(NL);
  }
}
