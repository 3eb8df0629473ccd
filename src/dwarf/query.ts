import { readAranges } from './aranges.js';
import type { Dwarf } from './dwarf.js';
import * as C from './forms/consts.js';
import type { Die, Unit } from './info.js';
import type { LineProgram } from './line.js';
import { readRanges, type AddressRange } from './ranges.js';

/** A function with code: a DW_TAG_subprogram with an address range. */
export interface FunctionInfo {
  name: string | undefined;
  linkageName: string | undefined;
  /** Offset of its DIE in .debug_info. */
  dieOffset: number;
  ranges: AddressRange[];
  declFile: string | undefined;
  declLine: number | undefined;
}

export interface SourceLocation {
  address: number;
  /** The path as the line table records it. */
  file: string | undefined;
  line: number;
  column: number;
  /** The innermost DW_TAG_subprogram containing the address, if any. */
  function: string | undefined;
}

/** The rows of one unit's line program, by sequence, in arrays ready for binary search. */
export interface LineTable {
  program: LineProgram;
  address: Float64Array;
  line: Uint32Array;
  column: Uint32Array;
  file: Uint32Array;
  /** Row index where each sequence starts; the last entry is the row count. */
  sequences: number[];
}

/** Bound on chains of DW_AT_specification / DW_AT_abstract_origin (cycles in bad input). */
const MAX_ORIGIN_DEPTH = 16;

/**
 * The queries the rest of jitdbg needs, lazy and cached: address to source location and
 * function, function name to address ranges, the functions of a unit, the line table of a
 * unit. A lookup reads .debug_aranges (or the units' root DIEs) to pick one unit, then only
 * that unit's DIEs and line program.
 */
export class DwarfQuery {
  private unitRangeList?: { unit: Unit; ranges: AddressRange[] }[];
  private readonly lineTables = new Map<Unit, LineTable | null>();
  private readonly functionLists = new Map<Unit, FunctionInfo[]>();
  private nameIndex?: Map<string, FunctionInfo[]>;

  constructor(readonly dwarf: Dwarf) {}

  /** The address ranges of a unit, from its root DIE (DW_AT_ranges, or low_pc/high_pc). */
  unitRanges(unit: Unit): AddressRange[] {
    return dieRanges(unit.root());
  }

  /** The compile unit whose code contains `address`. */
  unitFor(address: number): Unit | undefined {
    if (!this.unitRangeList) {
      const sets = this.dwarf.sections.has('.debug_aranges') ? readAranges(this.dwarf) : undefined;
      this.unitRangeList = sets
        ? sets.flatMap((s) => {
          const unit = this.dwarf.unitContaining(s.unitOffset);
          return unit ? [{ unit, ranges: s.ranges }] : [];
        })
        : this.dwarf.units().map((unit) => ({ unit, ranges: this.unitRanges(unit) }));
    }
    for (const { unit, ranges } of this.unitRangeList) {
      if (ranges.some((r) => address >= r.begin && address < r.end)) return unit;
    }
    return undefined;
  }

  /** The line table of a unit (from its DW_AT_stmt_list), or undefined when it has none. */
  lineTable(unit: Unit): LineTable | undefined {
    let t = this.lineTables.get(unit);
    if (t === undefined) {
      const offset = unit.root().numberOf(C.DW_AT_stmt_list);
      t = offset === undefined ? null : buildLineTable(this.dwarf.lineProgram(offset, unit));
      this.lineTables.set(unit, t);
    }
    return t ?? undefined;
  }

  /** The functions with code of a unit, in DIE order. */
  functions(unit: Unit): FunctionInfo[] {
    let list = this.functionLists.get(unit);
    if (!list) {
      list = [];
      const out = list;
      unit.walk((die) => {
        if (die.isNull || die.tag !== C.DW_TAG_subprogram) return;
        const ranges = dieRanges(die);
        if (ranges.length === 0) return;
        const named = originNames(die);
        const declLine = die.numberOf(C.DW_AT_decl_line) ?? named.declLine;
        const fileIndex = die.numberOf(C.DW_AT_decl_file) ?? named.declFile;
        out.push({
          name: named.name, linkageName: named.linkageName, dieOffset: die.offset, ranges,
          declFile: fileIndex === undefined ? undefined : this.lineTable(unit)?.program.filePath(fileIndex),
          declLine,
        });
      });
      this.functionLists.set(unit, list);
    }
    return list;
  }

  /** The address ranges of every function called `name` (DW_AT_name or linkage name). */
  functionRanges(name: string): AddressRange[] {
    if (!this.nameIndex) {
      const index = new Map<string, FunctionInfo[]>();
      const add = (key: string | undefined, f: FunctionInfo): void => {
        if (key === undefined) return;
        const list = index.get(key);
        if (list) list.push(f);
        else index.set(key, [f]);
      };
      for (const unit of this.dwarf.units()) {
        for (const f of this.functions(unit)) {
          add(f.name, f);
          if (f.linkageName !== f.name) add(f.linkageName, f);
        }
      }
      this.nameIndex = index;
    }
    return (this.nameIndex.get(name) ?? []).flatMap((f) => f.ranges);
  }

  /** The source location and function of `address`, or undefined when no line row covers it. */
  lookup(address: number): SourceLocation | undefined {
    const unit = this.unitFor(address);
    if (!unit) return undefined;
    const table = this.lineTable(unit);
    const row = table ? findRow(table, address) : -1;
    if (!table || row < 0) return undefined;
    let fn: FunctionInfo | undefined;
    for (const f of this.functions(unit)) {
      if (f.ranges.some((r) => address >= r.begin && address < r.end)) fn = f;
    }
    return {
      address,
      file: table.program.filePath(table.file[row]!),
      line: table.line[row]!,
      column: table.column[row]!,
      function: fn?.name ?? fn?.linkageName,
    };
  }
}

/** The code ranges of a DIE: DW_AT_ranges, else [low_pc, high_pc), else none. */
export function dieRanges(die: Die): AddressRange[] {
  const i = die.find(C.DW_AT_ranges);
  if (i >= 0) return readRanges(die.unit, die.number(i), die.form(i)).filter((r) => r.end > r.begin);
  const lh = die.lowHigh();
  return lh && lh.high > lh.low ? [{ begin: lh.low, end: lh.high }] : [];
}

/** Name, linkage name and declaration of a DIE, through DW_AT_specification / abstract_origin. */
function originNames(die: Die): { name?: string; linkageName?: string; declFile?: number; declLine?: number } {
  const out: { name?: string; linkageName?: string; declFile?: number; declLine?: number } = {};
  let d: Die | undefined = die;
  for (let depth = 0; d && depth < MAX_ORIGIN_DEPTH; depth++) {
    out.name ??= d.string(C.DW_AT_name);
    out.linkageName ??= d.string(C.DW_AT_linkage_name) ?? d.string(C.DW_AT_MIPS_linkage_name);
    if (d !== die && d.unit === die.unit) {
      out.declFile ??= d.numberOf(C.DW_AT_decl_file);
      out.declLine ??= d.numberOf(C.DW_AT_decl_line);
    }
    if (out.name !== undefined && out.linkageName !== undefined) break;
    d = d.ref(C.DW_AT_specification) ?? d.ref(C.DW_AT_abstract_origin);
  }
  return out;
}

function buildLineTable(program: LineProgram): LineTable {
  const address: number[] = [];
  const line: number[] = [];
  const column: number[] = [];
  const file: number[] = [];
  const sequences = [0];
  program.run((row) => {
    address.push(row.address);
    line.push(row.line);
    column.push(row.column);
    file.push(row.file);
    if (row.endSequence) sequences.push(address.length);
  });
  if (sequences[sequences.length - 1] !== address.length) sequences.push(address.length);
  return {
    program, sequences,
    address: Float64Array.from(address), line: Uint32Array.from(line), column: Uint32Array.from(column), file: Uint32Array.from(file),
  };
}

/** The row that covers `address`: the last row at or below it in a sequence that spans it; -1 when none does. */
export function findRow(t: LineTable, address: number): number {
  for (let s = 0; s + 1 < t.sequences.length; s++) {
    const first = t.sequences[s]!;
    const last = t.sequences[s + 1]! - 1; // the end_sequence row
    if (!(address >= t.address[first]! && address < t.address[last]!)) continue;
    let lo = first;
    let hi = last - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t.address[mid]! <= address) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  return -1;
}
