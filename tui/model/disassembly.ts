/**
 * Disassembly of a function: each instruction with the source line it came from (from the
 * line table, with the text where the file exists), and the symbol a call or jump goes to, or
 * that a relocation of an object names, so that Enter can follow it.
 */
import { readFileSync } from 'node:fs';
import { EM_AARCH64, STT_SECTION, type Disassembler, type Instruction } from '../../src/index.js';
import type { Document } from './document.js';
import { cell, hex, jumpTo, text, type Page } from './page.js';

/** Where an instruction leads or what it refers to. */
export interface Reference {
  /** `name`, `name+0x10`, or a section name and offset. */
  label: string;
  /** The document and address to follow to, when they are known. */
  doc?: number;
  address?: number;
}

export type DisassemblyRow =
  | { kind: 'source'; file: string; line: number; text: string | undefined }
  | { kind: 'instruction'; insn: Instruction; address: number; reference?: Reference; branch: boolean };

export interface Listing {
  start: number;
  end: number;
  /** The function listed, if a symbol covers the range. */
  name: string | undefined;
  rows: DisassemblyRow[];
}

/** Lines of source files, read once each; null when the file is not there. */
export class SourceFiles {
  private readonly files = new Map<string, string[] | null>();

  line(path: string, line: number): string | undefined {
    let lines = this.files.get(path);
    if (lines === undefined) {
      try {
        lines = readFileSync(path, 'utf8').split('\n');
      } catch {
        lines = null;
      }
      this.files.set(path, lines);
    }
    return lines?.[line - 1];
  }
}

/** How far to list when no sized symbol says where the code ends. */
const UNSIZED_BYTES = 4096;

export interface Range {
  start: number;
  end: number;
  /** The symbol that covers it. */
  name: string | undefined;
}

/** The range to list around `address`: the function that holds it, else up to the next symbol or the end of its section. */
export function rangeAt(doc: Document, address: number): Range | undefined {
  const section = doc.sectionAt(address);
  if (!section) return undefined;
  const base = doc.sectionAddress[section.index]!;
  const sectionEnd = base + section.sh_size;
  const sym = doc.symbolAt(address);
  if (sym && sym.size > 0 && address < sym.address + sym.size) return { start: sym.address, end: Math.min(sectionEnd, sym.address + sym.size), name: sym.demangled ?? sym.sym.name };
  const start = sym && sym.address >= base ? sym.address : address;
  const next = doc.symbols.reduce((best, s) => (s.address > start && s.address < best && doc.sectionAt(s.address) === section ? s.address : best), sectionEnd);
  return { start, end: Math.min(next, start + UNSIZED_BYTES, sectionEnd), name: sym?.demangled ?? sym?.sym.name };
}

/** The instructions of `range` (from rangeAt) with their source lines and references. */
export function disassemble(docs: readonly Document[], docIndex: number, range: Range, decoder: Disassembler, sources: SourceFiles): Listing | undefined {
  const doc = docs[docIndex]!;
  const bytes = doc.bytesAt(range.start, range.end - range.start);
  if (!bytes) return undefined;
  const rows: DisassemblyRow[] = [];
  let unit = doc.unitAt(range.start);
  let lastFile: string | undefined;
  let lastLine = -1;
  for (const insn of decoder.decode(bytes, BigInt(range.start))) {
    const at = Number(insn.address);
    if (unit && !doc.dwarf?.unitRanges(unit.unit).some((r) => at >= r.begin && at < r.end)) unit = doc.unitAt(at);
    const src = unit ? doc.sourceAt(at, unit) : undefined;
    if (src?.file !== undefined && src.line > 0 && (src.file !== lastFile || src.line !== lastLine)) {
      rows.push({ kind: 'source', file: src.file, line: src.line, text: sources.line(src.file, src.line) });
      lastFile = src.file;
      lastLine = src.line;
    }
    const branch = insn.kind === 'call' || insn.kind === 'jump';
    rows.push({ kind: 'instruction', insn, address: at, branch, reference: reference(docs, docIndex, insn, branch) });
  }
  return { start: range.start, end: range.end, name: range.name, rows };
}

/** A relocation names what an object's instruction refers to; in linked code the branch target's symbol does. */
function reference(docs: readonly Document[], docIndex: number, insn: Instruction, branch: boolean): Reference | undefined {
  const doc = docs[docIndex]!;
  const at = Number(insn.address);
  const end = at + insn.size;
  const rel = doc.relocationIn(at, insn.size);
  if (rel) {
    const sym = rel.symbol;
    // A PC-relative field holds S + A - P, and the processor adds it to the end of the
    // instruction on x86-64 (the place is S + A + (end - P)), to the instruction itself on
    // AArch64, where P is the instruction (the place is S + A).
    const offset = rel.relocation.r_addend + (doc.machine === EM_AARCH64 ? 0 : end - rel.fieldAddress);
    if (!sym) return undefined;
    if (sym.st_shndx === 0) {
      const elsewhere = docs.findIndex((d) => d.symbolNamed(sym.name));
      const there = elsewhere >= 0 ? docs[elsewhere]!.symbolNamed(sym.name)! : undefined;
      return { label: sym.name, ...(there ? { doc: elsewhere, address: there.address } : {}) };
    }
    const target = doc.symbolAddress(sym) + offset;
    if (sym.type === STT_SECTION || offset !== 0) return { label: label(doc, target), doc: docIndex, address: target };
    return { label: sym.name, doc: docIndex, address: target };
  }
  if (!branch || insn.target === undefined) return undefined;
  const target = Number(insn.target);
  return { label: label(doc, target), doc: docIndex, address: target };
}

/** `symbol+0xN` for an address, or `section+0xN`, or the bare address. */
export function label(doc: Document, address: number): string {
  const sym = doc.symbolAt(address);
  if (sym) {
    const name = sym.demangled ?? sym.sym.name;
    return address === sym.address ? name : `${name}+${hex(address - sym.address)}`;
  }
  const section = doc.sectionAt(address);
  return section ? `${section.name}+${hex(address - doc.sectionAddress[section.index]!)}` : hex(address);
}

export function disassemblyPage(docs: readonly Document[], docIndex: number, listing: Listing | undefined): Page {
  const doc = docs[docIndex]!;
  if (!listing) return { title: `${doc.name}  no code here`, count: 0, row: () => [] };
  const rows = listing.rows;
  const width = listing.end > 0xffffffff ? 16 : 8;
  return {
    title: `${doc.name}  ${listing.name ?? hex(listing.start)}  ${hex(listing.start)}-${hex(listing.end)}`,
    count: rows.length,
    row(i) {
      const r = rows[i]!;
      if (r.kind === 'source') return [text(`${r.file.split('/').pop()}:${r.line}  `, 'source'), text(r.text ?? '', 'source')];
      return [
        cell(hex(r.address, width), width + 2, 'address'),
        cell(`<+${r.address - listing.start}>`, 8, 'dim'),
        cell(r.insn.mnemonic, 7, 'name'),
        text(r.insn.operands),
        ...(r.reference ? [text(`  ${r.branch ? '' : '# '}<${r.reference.label}>`, r.reference.address === undefined ? 'dim' : 'accent')] : []),
      ];
    },
    open(i) {
      const r = rows[i]!;
      const ref = r.kind === 'instruction' ? r.reference : undefined;
      return ref?.doc !== undefined && ref.address !== undefined ? jumpTo(docs[ref.doc]!, ref.doc, ref.address) : undefined;
    },
    describe(i) {
      const r = rows[i]!;
      if (r.kind === 'source') return `${r.file}:${r.line}`;
      const ref = r.reference;
      return ref ? `${r.branch ? 'goes to' : 'refers to'} ${ref.label}${ref.address === undefined ? ' (not in any file open here)' : ref.doc !== undefined ? '  (Enter follows it)' : ''}` : undefined;
    },
    rowOf(address) {
      let best = 0;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if (r.kind === 'instruction' && r.address <= address) best = i;
      }
      return best;
    },
  };
}
