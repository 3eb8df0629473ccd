/** Hex: a section's bytes, 16 to a row, with their characters. */
import type { Document } from './document.js';
import { cell, hex, text, type Page } from './page.js';

const PER_ROW = 16;

export function hexPage(doc: Document, sectionIndex: number): Page {
  const section = doc.elf.sections[sectionIndex];
  if (!section) return { title: `${doc.name}  no such section`, count: 0, row: () => [] };
  const bytes = doc.elf.sectionContents(section);
  const base = doc.sectionAddress[sectionIndex]!;
  return {
    title: `${doc.name}  [${sectionIndex}] ${section.name}  ${bytes.length} bytes${bytes.length < section.sh_size ? ' (no bytes in the file)' : ''}`,
    count: Math.ceil(bytes.length / PER_ROW),
    row(i) {
      const chunk = bytes.subarray(i * PER_ROW, (i + 1) * PER_ROW);
      const pairs = Array.from(chunk, (b) => b.toString(16).padStart(2, '0'));
      const hexText = [pairs.slice(0, 8).join(' '), pairs.slice(8).join(' ')].join('  ');
      const chars = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
      return [cell(hex(base + i * PER_ROW, 16), 18, 'address'), cell(hexText, 48), text(chars, 'dim')];
    },
    rowOf: (address) => Math.max(0, Math.floor((address - base) / PER_ROW)),
  };
}
