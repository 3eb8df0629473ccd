/** Sections: the section headers in readelf's words, at the addresses the inspector uses. */
import { SHT_NOBITS, sectionFlagLetters, sectionTypeName } from '../../src/index.js';
import type { Document } from './document.js';
import { cell, hex, text, type Page } from './page.js';

export function sectionsPage(doc: Document, docIndex: number): Page {
  const sections = doc.elf.sections;
  const nameWidth = Math.min(28, Math.max(6, ...sections.map((s) => s.name.length)));
  return {
    title: `${doc.name}  ${sections.length} sections${doc.isRelocatable ? '  (object: addresses as laid out from 0)' : ''}`,
    columns: [cell('[Nr]', 5, undefined, true), cell('Name', nameWidth), cell('Type', 14), cell('Flg', 4), cell('Address', 18), cell('Size', 10, undefined, true), text('Off')],
    count: sections.length,
    row(i) {
      const s = sections[i]!;
      return [
        cell(`[${i}]`, 5, 'dim', true),
        cell(s.name, nameWidth, 'name'),
        cell(sectionTypeName(s.sh_type, doc.machine), 14),
        cell(sectionFlagLetters(s.sh_flags, doc.elf.header), 4),
        cell(hex(doc.sectionAddress[i]!, 16), 18, 'address'),
        cell(hex(s.sh_size), 10, undefined, true),
        text(hex(s.sh_offset), 'dim'),
      ];
    },
    open(i) {
      const s = sections[i]!;
      if (i === 0) return undefined;
      if (doc.isCode(s) && s.sh_size > 0) return { view: 'disassembly', doc: docIndex, address: doc.sectionAddress[i]! };
      return s.sh_type === SHT_NOBITS ? undefined : { view: 'hex', doc: docIndex, section: i };
    },
  };
}
