// The reference side of the DWARF differential tests: llvm-dwarfdump-14 and readelf output,
// parsed line by line as it streams (sqlite3.o's --debug-info is ~37 MB of text), reduced to
// the strings the tests compare.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { Dwarf } from '../../../src/dwarf/dwarf.js';
import { EM_AARCH64, ET_REL } from '../../../src/elf/consts.js';
import { debugSections } from '../../../src/elf/debug-sections.js';
import { ElfFile } from '../../../src/elf/read.js';

export const DWARFDUMP = 'llvm-dwarfdump-14';

/** Our side: a Dwarf over an ELF file, as the CLI opens it. */
export function openDwarf(file: string, bytes: Uint8Array = readFileSync(file)): Dwarf {
  const elf = ElfFile.read(bytes, file);
  const rel = elf.header.e_type === ET_REL;
  return new Dwarf(debugSections(elf), {
    file,
    machine: elf.header.e_machine === EM_AARCH64 ? 'aarch64' : 'x86-64',
    addressOf: (name) => (rel ? 0 : elf.section(name)?.sh_addr),
  });
}

/** Streams the lines a command prints to `each`; rejects when it exits non-zero. */
export function eachLine(cmd: string, args: string[], each: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
    rl.on('line', each);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

const hexNum = (s: string): string => `0x${BigInt(`0x${s}`).toString(16)}`;

/** A line row as both sides print it for comparison. */
export function rowKey(address: string, line: number, column: number, file: number, isStmt: boolean, endSequence: boolean): string {
  return `${address} ${line}:${column} f${file}${isStmt ? ' stmt' : ''}${endSequence ? ' end' : ''}`;
}

export interface RefLineProgram {
  offset: number;
  version: number;
  /** file_names entries in order: "dir_index name". */
  files: string[];
  includeDirectories: string[];
  rows: string[];
}

/** Every line program of `llvm-dwarfdump --debug-line FILE`. */
export async function dwarfdumpLines(file: string): Promise<RefLineProgram[]> {
  const out: RefLineProgram[] = [];
  let p: RefLineProgram | undefined;
  let name = '';
  const row = /^0x([0-9a-f]{16})\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+\d+\s*(.*)$/;
  await eachLine(DWARFDUMP, ['--debug-line', file], (l) => {
    let m: RegExpMatchArray | null;
    if ((m = /^debug_line\[0x([0-9a-f]+)\]/.exec(l))) {
      p = { offset: parseInt(m[1]!, 16), version: 0, files: [], includeDirectories: [], rows: [] };
      out.push(p);
    } else if (!p) {
      return;
    } else if ((m = row.exec(l))) {
      const flags = m[5]!.split(/\s+/);
      p.rows.push(rowKey(hexNum(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), flags.includes('is_stmt'), flags.includes('end_sequence')));
    } else if ((m = /^\s+version: (\d+)/.exec(l))) {
      p.version = Number(m[1]);
    } else if ((m = /^include_directories\[\s*\d+\] = "(.*)"$/.exec(l))) {
      p.includeDirectories.push(m[1]!);
    } else if ((m = /^\s+name: "(.*)"$/.exec(l))) {
      name = m[1]!;
    } else if ((m = /^\s+dir_index: (\d+)$/.exec(l))) {
      p.files.push(`${m[1]} ${name}`);
    }
  });
  return out;
}

/** What the info test compares of one DIE. */
export interface RefDie {
  offset: number;
  tag: string;
  name?: string;
  lowPc?: string;
  highPc?: string;
  ranges?: string[];
  /** DW_AT_location: an expression, or a list of "[begin, end): expression". */
  location?: string[];
}

/** Every DIE of `llvm-dwarfdump --debug-info FILE`, NULL entries left out. */
export async function dwarfdumpInfo(file: string, each: (die: RefDie) => void): Promise<void> {
  let die: RefDie | undefined;
  let attr = '';
  let list: string[] | undefined;
  const flush = (): void => { if (die) each(die); die = undefined; };
  await eachLine(DWARFDUMP, ['--debug-info', file], (l) => {
    let m: RegExpMatchArray | null;
    if ((m = /^0x([0-9a-f]{8}):\s+(DW_TAG_\w+|NULL)/.exec(l))) {
      flush();
      list = undefined;
      if (m[2] !== 'NULL') die = { offset: parseInt(m[1]!, 16), tag: m[2]! };
      return;
    }
    if (!die) return;
    if ((m = /^\s+(DW_AT_\w+)\t\((.*)$/.exec(l))) {
      attr = m[1]!;
      const v = m[2]!;
      list = undefined;
      const closed = v.endsWith(')') ? v.slice(0, -1) : v;
      switch (attr) {
        case 'DW_AT_name': die.name = JSON.parse(closed); break;
        case 'DW_AT_low_pc': die.lowPc = hexNum(closed.slice(2)); break;
        case 'DW_AT_high_pc': die.highPc = hexNum(closed.slice(2)); break;
        case 'DW_AT_ranges': list = die.ranges = []; break;
        case 'DW_AT_location':
          // A list by offset, or by index (DW_FORM_loclistx): "indexed (0x0) loclist = 0x24: ".
          if (/^(?:indexed \(0x[0-9a-f]+\) loclist = )?0x[0-9a-f]+: ?\)?$/.test(v)) list = die.location = [];
          else die.location = [closed];
          break;
      }
      return;
    }
    if (list && (m = /^\s+(\[0x[0-9a-f]+, 0x[0-9a-f]+\))(.*)$/.exec(l))) {
      const [, range, rest] = m;
      const [b, e] = range!.slice(1, -1).split(', ').map((x) => hexNum(x.slice(2)));
      let text = `[${b}, ${e})`;
      if (attr === 'DW_AT_location') {
        text += rest;
        if (balance(text) < 0) text = text.slice(0, -1);
      }
      list.push(text);
    }
  });
  flush();
}

/** Parentheses opened minus closed: a list's last line carries the attribute's closing one. */
function balance(s: string): number {
  let n = 0;
  for (const c of s) n += c === '(' ? 1 : c === ')' ? -1 : 0;
  return n + 1; // the range's own ")" closes its "[".
}

/** One CIE or FDE of `readelf --debug-dump=frames`: header and normalized instructions. */
export interface RefFrame {
  offset: number;
  kind: 'CIE' | 'FDE' | 'ZERO';
  cie?: number;
  pcBegin?: string;
  pcEnd?: string;
  instructions: string[];
}

/** A call frame instruction reduced to name, location, registers and value. */
export function cfaKey(name: string, o: { location?: string; registers?: number[]; value?: number }): string {
  return [name, o.location !== undefined ? `@${o.location}` : '', ...(o.registers ?? []).map((r) => `r${r}`), o.value !== undefined ? `${o.value}` : ''].filter(Boolean).join(' ');
}

/** Every entry of `readelf --debug-dump=frames FILE` for `.eh_frame` or `.debug_frame`. */
export async function readelfFrames(file: string, section: string): Promise<RefFrame[]> {
  const out: RefFrame[] = [];
  let inSection = false;
  let f: RefFrame | undefined;
  await eachLine('readelf', ['--debug-dump=frames', file], (l) => {
    let m: RegExpMatchArray | null;
    if ((m = /^Contents of the (\S+) section:/.exec(l))) {
      inSection = m[1] === section;
      return;
    }
    if (!inSection) return;
    if ((m = /^([0-9a-f]{8}) [0-9a-f]+ ([0-9a-f]+) (CIE|FDE cie=([0-9a-f]+) pc=([0-9a-f]+)\.\.([0-9a-f]+))/.exec(l))) {
      f = { offset: parseInt(m[1]!, 16), kind: m[3]!.startsWith('CIE') ? 'CIE' : 'FDE', instructions: [] };
      if (f.kind === 'FDE') {
        f.cie = parseInt(m[4]!, 16);
        f.pcBegin = hexNum(m[5]!);
        f.pcEnd = hexNum(m[6]!);
      }
      out.push(f);
    } else if ((m = /^([0-9a-f]{8}) ZERO terminator/.exec(l))) {
      out.push({ offset: parseInt(m[1]!, 16), kind: 'ZERO', instructions: [] });
      f = undefined;
    } else if (f && (m = /^  (DW_CFA_\w+)(:?)\s*(.*)$/.exec(l))) {
      const [, name, , rest] = m;
      const registers = [...rest!.replace(/\([^)]*\)/g, "").matchAll(/\br(\d+)\b/g)].map((x) => Number(x[1]));
      const loc = /to ([0-9a-f]+)$/.exec(rest!);
      const value = /(?:ofs|cfa)(-?\+?-?\d+)|ofs (-?\d+)|^(-?\d+)$/.exec(rest!);
      const v = value ? Number(value[1] ?? value[2] ?? value[3]) : undefined;
      const expression = name!.includes('expression');
      f.instructions.push(cfaKey(name!, {
        location: loc ? hexNum(loc[1]!) : undefined,
        registers: expression ? registers.slice(0, name === 'DW_CFA_def_cfa_expression' ? 0 : 1) : registers,
        value: expression ? undefined : v,
      }));
    }
  });
  return out;
}

/**
 * Collects, from the lines of `llvm-dwarfdump --debug-info` (or ours), "DIE offset: attribute
 * (text)" for each attribute named in `names` whose value fits on its line.
 */
export function attributeTexts(names: Set<string>): { line: (l: string) => void; texts: string[] } {
  const texts: string[] = [];
  let die = '';
  return {
    texts,
    line(l: string): void {
      let m: RegExpMatchArray | null;
      if ((m = /^(0x[0-9a-f]{8}):\s+(DW_TAG_\w+|NULL)/.exec(l))) die = m[1]!;
      else if ((m = /^\s+(DW_AT_\w+)\t(\(.*\))$/.exec(l)) && names.has(m[1]!)) texts.push(`${die}: ${m[1]} ${m[2]}`);
    },
  };
}
