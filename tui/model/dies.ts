/** DIEs: the DIE tree of one unit, folded: Enter or → unfolds an entry (its attributes, then its children), ← folds it. */
import { describeAttribute, dwarfConstants as DW, dwarfNameOf, type Die, type Unit } from '../../src/index.js';
import type { Document } from './document.js';
import { hex, text, type Page } from './page.js';

export type DieRow = { kind: 'die'; die: Die; depth: number; open: boolean } | { kind: 'attribute'; die: Die; index: number; depth: number };

export function dieUnits(doc: Document): Unit[] {
  return doc.dwarf?.dwarf.units() ?? [];
}

/** The rows on show: each entry, and under an unfolded one its attributes and children. */
export function dieRows(unit: Unit, unfolded: ReadonlySet<number>): DieRow[] {
  const rows: DieRow[] = [];
  const add = (die: Die, depth: number): void => {
    const open = unfolded.has(die.offset);
    rows.push({ kind: 'die', die, depth, open });
    if (!open) return;
    for (let i = 0; i < die.abbrev.attrs.length; i++) rows.push({ kind: 'attribute', die, index: i, depth: depth + 1 });
    for (const child of unit.childrenOf(die)) add(child, depth + 1);
  };
  add(unit.root(), 0);
  return rows;
}

const attributeText = (die: Die, i: number): string => {
  try {
    return describeAttribute(die, i).replace(/\s*\n\s*/g, ' ');
  } catch (e) {
    return `<${(e as Error).message}>`;
  }
};

export function diesPage(doc: Document, unit: Unit | undefined, rows: readonly DieRow[]): Page {
  if (!unit) return { title: `${doc.name}  no DWARF (.debug_info)`, count: 0, row: () => [] };
  const units = dieUnits(doc);
  return {
    title: `${doc.name}  unit ${units.indexOf(unit) + 1} of ${units.length} at ${hex(unit.offset)}: ${doc.unitName(unit)}  ([ ] other units)`,
    count: rows.length,
    row(i) {
      const r = rows[i]!;
      const indent = '  '.repeat(r.depth);
      if (r.kind === 'attribute') {
        const at = r.die.abbrev.attrs[r.index]!;
        return [text(`           ${indent}`), text(`${dwarfNameOf('AT', at) ?? hex(at)} `, 'dim'), text(`(${attributeText(r.die, r.index)})`)];
      }
      const name = r.die.string(DW.DW_AT_name);
      const foldable = r.die.abbrev.hasChildren || r.die.abbrev.attrs.length > 0;
      return [
        text(`${hex(r.die.offset, 8)} `, 'address'),
        text(`${indent}${foldable ? (r.open ? '▾ ' : '▸ ') : '  '}`, 'dim'),
        text(dwarfNameOf('TAG', r.die.tag) ?? hex(r.die.tag), 'accent'),
        ...(name !== undefined ? [text(` "${name}"`, 'name')] : []),
      ];
    },
  };
}
