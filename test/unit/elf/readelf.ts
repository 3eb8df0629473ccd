// Parsers of GNU readelf -W output (binutils 2.40), the reference the ELF tests compare with.
// Every line that looks like a table row must parse: an unexpected line throws instead of
// being skipped, so a format change cannot make the comparison vacuous.
import { execFileSync } from 'node:child_process';
import * as ELF from '../../../src/elf/consts.js';

export function readelf(args: string[], file: string): string {
  return execFileSync('readelf', [...args, file], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** readelf's bare hex digits as the listing's hex string. */
export const hexOf = (digits: string): string => `0x${BigInt(`0x${digits}`).toString(16)}`;

export interface ReadelfSection {
  index: number; name: string; type: string; flags: string; addr: string; offset: string; size: string;
  entsize: string; link: number; info: number; addralign: string;
}

const SECTION_ROW = /^ {2}\[ *(\d+)\] (.*?) ([0-9a-f]{16}) ([0-9a-f]{6,}) ([0-9a-f]{6,}) ([0-9a-f]{2,}) +(\S*) +(\d+) +(\d+) +(\d+)$/;

/**
 * A section type as binutils 2.40 spells it: it has no names for LLVM's types (SHT_LLVM_*,
 * such as clang's `.llvm_addrsig`), so it writes them as offsets from LOOS.
 */
export function readelf240Type(ours: string): string {
  const llvm = (ELF as Record<string, unknown>)[`SHT_${ours}`];
  return ours.startsWith('LLVM_') && typeof llvm === 'number' ? `LOOS+0x${(llvm - ELF.SHT_LOOS).toString(16)}` : ours;
}

/** `readelf -SW`. Section names are taken to contain no spaces. */
export function parseSections(text: string): ReadelfSection[] {
  const out: ReadelfSection[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('  [') || line.startsWith('  [Nr]')) continue;
    const m = SECTION_ROW.exec(line);
    if (!m) throw new Error(`unparsed readelf -S line: ${line}`);
    const head = m[2]!;
    const named = !head.startsWith(' ');
    const name = named ? head.slice(0, head.indexOf(' ')) : '';
    out.push({
      index: Number(m[1]),
      name,
      type: head.slice(name.length).trim(),
      addr: hexOf(m[3]!),
      offset: hexOf(m[4]!),
      size: hexOf(m[5]!),
      entsize: hexOf(m[6]!),
      flags: m[7]!,
      link: Number(m[8]),
      info: Number(m[9]),
      addralign: hexOf(Number(m[10]).toString(16)),
    });
  }
  return out;
}

export interface ReadelfSymbol {
  table: string; index: number; value: string; size: string; type: string; bind: string; visibility: string;
  shndx: string; name: string;
}

const SYMBOL_ROW = /^ *(\d+): ([0-9a-f]{16}) +(\d+|0x[0-9a-f]+) (\S+) +(\S+) +(\S+) +(\S+) ?(.*)$/;

/** `readelf -sW`: every table. Names lose readelf's version suffix ("@GLIBC_2.2.5 (2)"). */
export function parseSymbols(text: string): ReadelfSymbol[] {
  const out: ReadelfSymbol[] = [];
  let table: string | undefined;
  for (const line of text.split('\n')) {
    const head = /^Symbol table '(.*)' contains \d+ entr/.exec(line);
    if (head) { table = head[1]!; continue; }
    if (!table || line.trim() === '' || line.includes('Num:    Value')) continue;
    const m = SYMBOL_ROW.exec(line);
    if (!m) throw new Error(`unparsed readelf -s line: ${line}`);
    const size = m[3]!;
    out.push({
      table,
      index: Number(m[1]),
      value: hexOf(m[2]!),
      size: size.startsWith('0x') ? hexOf(size.slice(2)) : `0x${BigInt(size).toString(16)}`,
      type: m[4]!,
      bind: m[5]!,
      visibility: m[6]!,
      shndx: m[7]!,
      name: baseName(m[8]!),
    });
  }
  return out;
}

/** A symbol name without a version: what precedes the first '@'. */
export function baseName(name: string): string {
  const at = name.indexOf('@');
  return at < 0 ? name : name.slice(0, at);
}

export interface ReadelfRelocation {
  section: string; offset: string; symbolIndex: number; type: string; symbol: string; addend: string;
}

const RELOCATION_ROW = /^([0-9a-f]{16}) {2}([0-9a-f]{8})([0-9a-f]{8}) (\S+)(?: +([0-9a-f]{16}) (.*?)(?: ([+-]) ([0-9a-f]+))?| +(-?[0-9a-f]+))?$/;

/** `readelf -rW`, REL and RELA sections (RELR sections, which list offsets only, are left out). */
export function parseRelocations(text: string): ReadelfRelocation[] {
  const out: ReadelfRelocation[] = [];
  let section: string | undefined;
  let relr = false;
  for (const line of text.split('\n')) {
    const head = /^Relocation section '(.*)' at offset/.exec(line);
    if (head) { section = head[1]!; relr = false; continue; }
    if (!section || line.trim() === '' || line.startsWith('    Offset')) continue;
    if (/^ +\d+ offsets?$/.test(line)) { relr = true; continue; }
    if (relr) continue;
    const m = RELOCATION_ROW.exec(line);
    if (!m) throw new Error(`unparsed readelf -r line: ${line}`);
    const bare = m[9] ?? '';
    const negative = m[7] === '-' || bare.startsWith('-');
    const addend = m[8] ?? (bare.replace('-', '') || '0');
    out.push({
      section,
      offset: hexOf(m[1]!),
      symbolIndex: parseInt(m[2]!, 16),
      type: m[4]!,
      symbol: baseName(m[6] ?? ''),
      addend: negative ? `-${hexOf(addend)}` : hexOf(addend),
    });
  }
  return out;
}
