import type { ByteReader } from '../binary/index.js';
import type { Dwarf } from './dwarf.js';
import { readFormValue, type FormContext } from './form.js';
import * as C from './forms/consts.js';
import type { Unit } from './info.js';
import { readInitialLength, readOffset } from './initial-length.js';
import { readAddress } from './values.js';

export interface FileEntry {
  name: string;
  /** Index into includeDirectories. */
  dirIndex: number;
  mtime: number | bigint;
  length: number | bigint;
  md5?: Uint8Array;
}

/** One row of the line-number matrix (DWARF 5, 6.2.2). */
export interface LineRow {
  address: number;
  opIndex: number;
  file: number;
  line: number;
  column: number;
  isStmt: boolean;
  basicBlock: boolean;
  endSequence: boolean;
  prologueEnd: boolean;
  epilogueBegin: boolean;
  isa: number;
  discriminator: number;
}

/** A line program of .debug_line, versions 2 to 5: its header now, its rows on demand. */
export class LineProgram {
  readonly r: ByteReader;
  readonly offsetSize: 4 | 8;
  readonly unitLength: number;
  readonly version: number;
  /** From the header (DWARF 5), else from the unit, else 8 until DW_LNE_set_address says. */
  readonly addressSize: number;
  readonly segmentSelectorSize: number;
  readonly headerLength: number;
  readonly minimumInstructionLength: number;
  readonly maximumOperationsPerInstruction: number;
  readonly defaultIsStmt: boolean;
  readonly lineBase: number;
  readonly lineRange: number;
  readonly opcodeBase: number;
  readonly standardOpcodeLengths: number[] = [];
  readonly includeDirectories: string[] = [];
  readonly fileNames: FileEntry[] = [];
  /** Offset of the first opcode. */
  readonly programOffset: number;
  /** Offset just past the program. */
  readonly end: number;

  constructor(
    readonly dwarf: Dwarf,
    readonly offset: number,
    readonly unit?: Unit,
  ) {
    const r = (this.r = dwarf.sections.reader('.debug_line'));
    r.seek(offset);
    const { length, offsetSize, end } = readInitialLength(r, 'line program');
    this.offsetSize = offsetSize;
    this.unitLength = length;
    this.end = end;
    this.version = r.u16();
    if (this.version < 2 || this.version > 5) throw r.error(`unsupported line table version ${this.version}`, r.pos - 2);
    this.addressSize = unit?.addressSize ?? 8;
    this.segmentSelectorSize = 0;
    if (this.version >= 5) {
      this.addressSize = r.u8();
      this.segmentSelectorSize = r.u8();
    }
    this.headerLength = readOffset(r, this.offsetSize, 'header_length');
    this.programOffset = r.pos + this.headerLength;
    if (this.programOffset > this.end) throw r.error('header_length runs past the end of the line program', r.pos - this.offsetSize);
    this.minimumInstructionLength = r.u8();
    this.maximumOperationsPerInstruction = this.version >= 4 ? r.u8() : 1;
    if (this.maximumOperationsPerInstruction === 0) throw r.error('maximum_operations_per_instruction is 0', r.pos - 1);
    this.defaultIsStmt = r.u8() !== 0;
    this.lineBase = r.i8();
    this.lineRange = r.u8();
    if (this.lineRange === 0) throw r.error('line_range is 0', r.pos - 1);
    this.opcodeBase = r.u8();
    if (this.opcodeBase === 0) throw r.error('opcode_base is 0', r.pos - 1);
    for (let i = 1; i < this.opcodeBase; i++) this.standardOpcodeLengths.push(r.u8());
    const header = r.sub(r.pos, this.programOffset - r.pos, 'line program header');
    if (this.version >= 5) this.readV5Tables(header);
    else this.readTables(header);
  }

  /** DWARF 2-4: NUL-terminated lists of directories and of files. */
  private readTables(r: ByteReader): void {
    for (;;) {
      const dir = r.cstring('include directory');
      if (dir === '') break;
      this.includeDirectories.push(dir);
    }
    for (;;) {
      const name = r.cstring('file name');
      if (name === '') break;
      this.fileNames.push({ name, dirIndex: r.uleb128(), mtime: r.uleb128(), length: r.uleb128() });
    }
  }

  /**
   * How the forms of the entry formats decode: with this header's sizes, and through the unit
   * for the forms that index its tables (DW_FORM_strx*, addrx*), which need its bases.
   */
  private formContext(): FormContext {
    const unit = this.unit;
    const needUnit = (form: string): never => {
      throw this.r.error(`${form} in a line table header needs the unit that refers to it`, this.offset);
    };
    return {
      dwarf: this.dwarf, addressSize: this.addressSize, offsetSize: this.offsetSize, refAddrSize: this.offsetSize, offset: 0,
      addrx: (index) => (unit ? unit.addrx(index) : needUnit('DW_FORM_addrx')),
      strx: (index) => (unit ? unit.strx(index) : needUnit('DW_FORM_strx')),
    };
  }

  /** DWARF 5: directory and file tables described by (content type, form) formats. */
  private readV5Tables(r: ByteReader): void {
    const ctx = this.formContext();
    for (const kind of ['directory', 'file'] as const) {
      const formatCount = r.u8();
      const format: [number, number][] = [];
      for (let i = 0; i < formatCount; i++) format.push([r.uleb128(), r.uleb128()]);
      const count = r.uleb128();
      // Each entry takes at least one byte unless every form is empty; bound the count by the header.
      if (count > r.remaining && format.length > 0) throw r.error(`${kind} count ${count} exceeds the header`, r.pos);
      for (let i = 0; i < count; i++) {
        const entry: FileEntry = { name: '', dirIndex: 0, mtime: 0, length: 0 };
        for (const [type, form] of format) {
          const v = readFormValue(r, form, ctx);
          switch (type) {
            case C.DW_LNCT_path: entry.name = typeof v === 'string' ? v : ''; break;
            case C.DW_LNCT_directory_index: entry.dirIndex = Number(v); break;
            case C.DW_LNCT_timestamp: entry.mtime = v instanceof Uint8Array ? 0 : (v as number | bigint); break;
            case C.DW_LNCT_size: entry.length = v as number | bigint; break;
            case C.DW_LNCT_MD5: if (v instanceof Uint8Array) entry.md5 = v; break;
          }
        }
        if (kind === 'directory') this.includeDirectories.push(entry.name);
        else this.fileNames.push(entry);
      }
    }
  }

  /** The index of the first file entry: 0 in DWARF 5, 1 before. */
  get firstFileIndex(): number {
    return this.version >= 5 ? 0 : 1;
  }

  /** File entry `index` as the rows number it, or undefined. */
  file(index: number): FileEntry | undefined {
    return this.fileNames[index - this.firstFileIndex];
  }

  /**
   * The path of file `index` as the table records it: its name, prefixed by its include
   * directory when the name is relative (in DWARF 2-4, directory 0 is the compilation
   * directory, which the table does not record).
   */
  filePath(index: number, files = this.fileNames): string | undefined {
    const f = files[index - this.firstFileIndex];
    if (!f) return undefined;
    if (f.name.startsWith('/')) return f.name;
    const dir = this.version >= 5 ? this.includeDirectories[f.dirIndex] : f.dirIndex > 0 ? this.includeDirectories[f.dirIndex - 1] : undefined;
    return dir ? `${dir.replace(/\/+$/, '')}/${f.name}` : f.name;
  }

  /**
   * Runs the program, calling `emit` for each row appended to the matrix. The row object is
   * reused: copy what you keep. Returns the file table as DW_LNE_define_file left it.
   * Each opcode consumes at least one byte, so the work is linear in the program's size.
   */
  run(emit: (row: LineRow) => void): FileEntry[] {
    const r = this.r;
    const end = this.end;
    const bytes = r.bytes;
    const minLen = this.minimumInstructionLength;
    const maxOps = this.maximumOperationsPerInstruction;
    const lineBase = this.lineBase;
    const lineRange = this.lineRange;
    const opcodeBase = this.opcodeBase;
    let files = this.fileNames;
    const row: LineRow = {
      address: 0, opIndex: 0, file: 1, line: 1, column: 0, isStmt: this.defaultIsStmt, basicBlock: false,
      endSequence: false, prologueEnd: false, epilogueBegin: false, isa: 0, discriminator: 0,
    };
    const reset = (): void => {
      row.address = 0; row.opIndex = 0; row.file = 1; row.line = 1; row.column = 0; row.isStmt = this.defaultIsStmt;
      row.basicBlock = false; row.endSequence = false; row.prologueEnd = false; row.epilogueBegin = false;
      row.isa = 0; row.discriminator = 0;
    };
    const advance = (operationAdvance: number): void => {
      if (maxOps === 1) {
        row.address += minLen * operationAdvance;
      } else {
        const ops = row.opIndex + operationAdvance;
        row.address += minLen * Math.floor(ops / maxOps);
        row.opIndex = ops % maxOps;
      }
    };
    const append = (): void => {
      emit(row);
      row.basicBlock = false; row.prologueEnd = false; row.epilogueBegin = false; row.discriminator = 0;
    };
    r.seek(this.programOffset);
    while (r.pos < end) {
      const opcode = bytes[r.pos++]!;
      if (opcode >= opcodeBase) {
        const adjusted = opcode - opcodeBase;
        advance(Math.floor(adjusted / lineRange));
        row.line = (row.line + lineBase + (adjusted % lineRange)) >>> 0;
        append();
        continue;
      }
      switch (opcode) {
        case 0: {
          const len = r.uleb128();
          const start = r.pos;
          if (len === 0) break;
          if (start + len > end) throw r.error(`extended opcode length ${len} runs past the end of the line program`, start);
          const sub = r.u8();
          switch (sub) {
            case C.DW_LNE_end_sequence:
              row.endSequence = true;
              append();
              reset();
              break;
            case C.DW_LNE_set_address:
              row.address = readAddress(r, checkAddressSize(r, len - 1));
              row.opIndex = 0;
              break;
            case C.DW_LNE_define_file: {
              if (files === this.fileNames) files = [...files];
              files.push({ name: r.cstring('file name'), dirIndex: r.uleb128(), mtime: r.uleb128(), length: r.uleb128() });
              break;
            }
            case C.DW_LNE_set_discriminator:
              row.discriminator = r.uleb128();
              break;
          }
          // Unknown (and known) extended opcodes end where their length says.
          r.pos = start + len;
          break;
        }
        case C.DW_LNS_copy: append(); break;
        case C.DW_LNS_advance_pc: advance(r.uleb128()); break;
        case C.DW_LNS_advance_line: row.line = (row.line + r.sleb128()) >>> 0; break;
        case C.DW_LNS_set_file: row.file = r.uleb128(); break;
        case C.DW_LNS_set_column: row.column = r.uleb128(); break;
        case C.DW_LNS_negate_stmt: row.isStmt = !row.isStmt; break;
        case C.DW_LNS_set_basic_block: row.basicBlock = true; break;
        case C.DW_LNS_const_add_pc: advance(Math.floor((255 - opcodeBase) / lineRange)); break;
        case C.DW_LNS_fixed_advance_pc: row.address += r.u16(); row.opIndex = 0; break;
        case C.DW_LNS_set_prologue_end: row.prologueEnd = true; break;
        case C.DW_LNS_set_epilogue_begin: row.epilogueBegin = true; break;
        case C.DW_LNS_set_isa: row.isa = r.uleb128(); break;
        default:
          // An opcode this reader does not know: skip the operands its declared length gives.
          for (let n = this.standardOpcodeLengths[opcode - 1]!; n > 0; n--) r.uleb128();
      }
      if (r.pos > end) throw r.error('opcode runs past the end of the line program', r.pos);
    }
    return files;
  }

  /** Every row, copied (for small programs and tests; queries use run). */
  rows(): LineRow[] {
    const out: LineRow[] = [];
    this.run((row) => out.push({ ...row }));
    return out;
  }
}

function checkAddressSize(r: ByteReader, size: number): number {
  if (size !== 1 && size !== 2 && size !== 4 && size !== 8) throw r.error(`DW_LNE_set_address operand of ${size} bytes`, r.pos);
  return size;
}
