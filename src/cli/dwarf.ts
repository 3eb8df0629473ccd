import { TextWriter } from '../binary/text-writer.js';
import { readCfi, decodeCfa, type CfiSection } from '../dwarf/cfi.js';
import { describeAttribute, describeCfa, describeCfi, describeLineProgram, describeUnit } from '../dwarf/describe.js';
import { Dwarf } from '../dwarf/dwarf.js';
import * as C from '../dwarf/forms/consts.js';
import type { AttrValue } from '../dwarf/info.js';
import { DwarfQuery, dieRanges } from '../dwarf/query.js';
import { hex } from '../dwarf/values.js';
import { EM_AARCH64, ET_REL } from '../elf/consts.js';
import { debugSections } from '../elf/debug-sections.js';
import { ElfFile } from '../elf/read.js';
import type { Command } from './commands.js';
import { UsageError } from './errors.js';
import { stdout, writeStdout } from './output.js';
import { readInput } from './input.js';

const USAGE = `usage: jitdbg dwarf FILE [--info] [--lines] [--frames] [--lookup ADDR] [--json]

Reads the DWARF debugging information (versions 2 to 5) of an ELF file: a relocatable object
(its .rela.debug_* relocations applied in memory, every section at address 0, as
llvm-dwarfdump does), an executable, a shared library or a debug image. Text output reads like
llvm-dwarfdump. Without a selection, --info.

  --info         every unit and DIE with its attributes (llvm-dwarfdump --debug-info)
  --lines        every line program: header, file table and rows (--debug-line)
  --frames       the CIEs and FDEs of .eh_frame and .debug_frame with their instructions
  --lookup ADDR  the file, line, column and function of an address (hex with 0x, or decimal;
                 also --lookup=ADDR)
  --json         one JSON object with a key per selection (shapes in docs/cli.md)
  -h, --help     this text

A file without .debug_info (compiled without -g, or stripped) is not an error: a note says so
on stderr and the exit status is 0.
`;

type Part = 'info' | 'lines' | 'frames';

export const dwarf: Command = {
  summary: 'dump DWARF units, line tables and call frames, or look up an address',
  async run(args: string[]): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      stdout().write(USAGE);
      return 0;
    }
    const parts = new Set<Part>();
    let json = false;
    let lookup: number | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--info' || arg === '--lines' || arg === '--frames') parts.add(arg.slice(2) as Part);
      else if (arg === '--json') json = true;
      else if (arg === '--lookup' || arg.startsWith('--lookup=')) lookup = parseAddress(arg.includes('=') ? arg.slice(9) : args[++i]);
      else if (arg.startsWith('-')) throw new UsageError(`dwarf: unknown option '${arg}' (try 'jitdbg dwarf --help')`);
      else files.push(arg);
    }
    if (files.length !== 1) throw new UsageError(`dwarf: expected one FILE, got ${files.length} (try 'jitdbg dwarf --help')`);
    if (parts.size === 0 && lookup === undefined) parts.add('info');
    const file = files[0]!;
    const elf = ElfFile.read(readInput(file), file);
    const d = openDwarf(elf);
    if (!hasContents(elf, '.debug_info') && (parts.has('info') || parts.has('lines') || lookup !== undefined)) {
      process.stderr.write(`jitdbg: ${file}: no DWARF debug information (.debug_info is absent)\n`);
    }
    // Build the whole output before writing any of it: bad input prints only the error line.
    const out = new TextWriter(outputCapacity(elf.bytes.length));
    if (json) writeJson(d, parts, lookup, (s) => out.str(s));
    else writeText(d, file, parts, lookup, out);
    writeStdout(out.view());
    return 0;
  },
};

function parseAddress(s: string | undefined): number {
  const n = s === undefined ? NaN : /^0x[0-9a-f]+$/i.test(s) ? parseInt(s.slice(2), 16) : /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`dwarf: --lookup needs an address (0x... or decimal), got '${s ?? ''}'`);
  return n;
}

/** A Dwarf over an ELF file: its debug sections, byte order, machine and section addresses. */
export function openDwarf(elf: ElfFile): Dwarf {
  const rel = elf.header.e_type === ET_REL;
  return new Dwarf(debugSections(elf), {
    file: elf.file,
    littleEndian: true,
    machine: elf.header.e_machine === EM_AARCH64 ? 'aarch64' : 'x86-64',
    addressOf: (name) => (rel ? 0 : elf.section(name)?.sh_addr),
  });
}

/**
 * Room for the listing up front, from the size of the input (sqlite3.o's 9 MB print 38 MB of
 * --info): growing the buffer copies all of it each time, a tenth of --info, while pages
 * allocated and never written cost nothing (large allocations are zeroed lazily).
 */
function outputCapacity(inputSize: number): number {
  return Math.min(Math.max(8 * inputSize, 1 << 20), 1 << 30);
}

/**
 * Whether the file has section `name` with contents, as Dwarf.sections.has says, asked of the
 * file: relocating .debug_info (the bulk of an object's relocations) only to say that it is
 * there would be most of the work of --lines.
 */
function hasContents(elf: ElfFile, name: string): boolean {
  const s = elf.section(name);
  return s !== undefined && elf.sectionContents(s).length > 0;
}

const CFI_SECTIONS: CfiSection[] = ['.eh_frame', '.debug_frame'];

function writeText(d: Dwarf, file: string, parts: Set<Part>, lookup: number | undefined, out: TextWriter): void {
  out.str(`${file}:\tfile format elf64-${d.options.machine === 'aarch64' ? 'littleaarch64' : 'x86-64'}\n\n`);
  if (parts.has('info')) {
    out.str('.debug_info contents:\n');
    for (const u of d.units()) describeUnit(u, out);
    if (d.sections.has('.debug_types')) {
      out.str('\n.debug_types contents:\n');
      for (const u of d.units('.debug_types')) describeUnit(u, out);
    }
  }
  if (parts.has('lines')) {
    out.str('.debug_line contents:\n');
    for (const p of d.allLinePrograms()) describeLineProgram(p, out);
  }
  if (parts.has('frames')) {
    for (const s of CFI_SECTIONS) if (d.sections.has(s)) describeCfi(d, s, out);
  }
  if (lookup !== undefined) {
    const loc = new DwarfQuery(d).lookup(lookup);
    out.str(loc
      ? `${hex(loc.address)}: ${loc.function ?? '??'} at ${loc.file ?? '??'}:${loc.line}:${loc.column}\n`
      : `${hex(lookup)}: no line information\n`);
  }
}

/** JSON, written in pieces: `--lines` of a large program has hundreds of thousands of rows. */
function writeJson(d: Dwarf, parts: Set<Part>, lookup: number | undefined, write: (s: string) => void): void {
  const keys: string[] = [];
  const key = (name: string): void => {
    write(`${keys.length ? ',\n' : '{\n'}"${name}": `);
    keys.push(name);
  };
  if (parts.has('info')) {
    key('units');
    const units = [...d.units(), ...d.units('.debug_types')];
    write('[');
    units.forEach((u, n) => {
      write(`${n ? ',' : ''}\n{"section": "${u.section}", "offset": ${u.offset}, "version": ${u.version}, "unitType": ${JSON.stringify(C.nameOf('UT', u.unitType) ?? u.unitType)}, "addressSize": ${u.addressSize}, "dies": [`);
      let first = true;
      u.walk((die) => {
        if (die.isNull) return;
        const attributes = Array.from(die.abbrev.attrs, (at, i) => ({
          name: C.nameOrUnknown('AT', at),
          form: C.nameOrUnknown('FORM', die.form(i)),
          value: jsonValue(die.value(i)),
          text: describeAttribute(die, i),
        }));
        const hasCode = die.find(C.DW_AT_low_pc) >= 0 || die.find(C.DW_AT_ranges) >= 0;
        const entry = {
          offset: die.offset, depth: die.depth, tag: C.nameOrUnknown('TAG', die.tag), attributes,
          ...(hasCode ? { ranges: dieRanges(die).map((r) => ({ begin: hex(r.begin), end: hex(r.end) })) } : {}),
        };
        write(`${first ? '' : ','}\n ${JSON.stringify(entry)}`);
        first = false;
      });
      write(']}');
    });
    write('\n]');
  }
  if (parts.has('lines')) {
    key('lines');
    write('[');
    let first = true;
    for (const p of d.allLinePrograms()) {
      const paths = new Map<number, string | undefined>();
      p.run((row) => {
        let path = paths.get(row.file);
        if (!paths.has(row.file)) paths.set(row.file, (path = p.filePath(row.file)));
        write(`${first ? '' : ','}\n {"address": "${hex(row.address)}", "file": ${JSON.stringify(path ?? null)}, "line": ${row.line}, "column": ${row.column}, "isStmt": ${row.isStmt}, "endSequence": ${row.endSequence}}`);
        first = false;
      });
    }
    write('\n]');
  }
  if (parts.has('frames')) {
    key('frames');
    const frames = CFI_SECTIONS.flatMap((section) => readCfi(d, section).map((e) => {
      if (e.kind === 'terminator') return { section, offset: e.offset, kind: e.kind };
      const cie = e.kind === 'cie' ? e : e.cie;
      const instructions = decodeCfa(d, section, e.instructions, e.instructionsOffset, cie, e.kind === 'fde' ? e.pcBegin : 0).map((i) => describeCfa(i, d, cie.addressSize));
      return e.kind === 'cie'
        ? { section, offset: e.offset, kind: e.kind, version: e.version, augmentation: e.augmentation, codeAlignmentFactor: e.codeAlignmentFactor, dataAlignmentFactor: e.dataAlignmentFactor, returnAddressRegister: e.returnAddressRegister, instructions }
        : { section, offset: e.offset, kind: e.kind, cie: e.cie.offset, pcBegin: hex(e.pcBegin), pcEnd: hex(e.pcBegin + e.pcRange), ...(e.lsda !== undefined ? { lsda: hex(e.lsda) } : {}), instructions };
    }));
    write(JSON.stringify(frames, null, 1));
  }
  if (lookup !== undefined) {
    key('lookup');
    const loc = new DwarfQuery(d).lookup(lookup);
    write(JSON.stringify(loc ? { ...loc, address: hex(loc.address) } : null));
  }
  write('\n}\n');
}

/** JSON for an attribute value: bigints as hex strings, blocks as hex byte strings. */
function jsonValue(v: AttrValue): string | number | boolean {
  if (typeof v === 'bigint') return hex(v);
  if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  return v;
}
