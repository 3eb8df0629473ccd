/** Lines: the line table of one compilation unit, row by row. */
import type { Unit } from '../../src/index.js';
import type { Document } from './document.js';
import { cell, hex, jumpTo, text, type Page } from './page.js';

/** The units that have a line table, in .debug_info order. */
export function lineUnits(doc: Document): Unit[] {
  const q = doc.dwarf;
  return q ? q.dwarf.units().filter((u) => doc.hasLines(u)) : [];
}

export function linesPage(doc: Document, docIndex: number, unitOffset: number | undefined): Page {
  const units = lineUnits(doc);
  const unit = units.find((u) => u.offset === unitOffset) ?? units[0];
  const table = unit ? doc.dwarf!.lineTable(unit) : undefined;
  if (!unit || !table) return { title: `${doc.name}  no line table (no DWARF .debug_line)`, count: 0, row: () => [] };
  const ends = new Set(table.sequences.slice(1).map((s) => s - 1));
  const count = table.address.length;
  const fileNames = new Map<number, string>();
  const fileOf = (i: number): string => {
    const f = table.file[i]!;
    let name = fileNames.get(f);
    if (name === undefined) fileNames.set(f, (name = table.program.filePath(f) ?? `file ${f}`));
    return name;
  };
  return {
    title: `${doc.name}  unit ${units.indexOf(unit) + 1} of ${units.length}: ${doc.unitName(unit)}  ${count} rows  ([ ] other units)`,
    columns: [cell('Address', 18), cell('Line', 6, undefined, true), cell('Col', 4, undefined, true), text('File')],
    count,
    row(i) {
      if (ends.has(i)) return [cell(hex(table.address[i]!, 16), 18, 'address'), text('end_sequence', 'dim')];
      return [cell(hex(table.address[i]!, 16), 18, 'address'), cell(String(table.line[i]), 6, undefined, true), cell(String(table.column[i]), 4, 'dim', true), text(fileOf(i), 'source')];
    },
    open: (i) => (ends.has(i) ? undefined : jumpTo(doc, docIndex, table.address[i]!)),
    rowOf(address) {
      for (let i = 0; i < count; i++) if (!ends.has(i) && table.address[i] === address) return i;
      let best = 0;
      for (let i = 0; i < count; i++) if (!ends.has(i) && table.address[i]! <= address && table.address[i]! >= table.address[best]!) best = i;
      return best;
    },
  };
}

/** The unit `step` away from `unitOffset` in `units`, clamped to the list. */
export function otherUnit(units: readonly Unit[], unitOffset: number | undefined, step: 1 | -1): number | undefined {
  const i = Math.max(0, units.findIndex((u) => u.offset === unitOffset));
  return units[Math.max(0, Math.min(units.length - 1, i + step))]?.offset;
}
