import { FormatError } from '../binary/errors.js';
import { Dwarf } from '../dwarf/dwarf.js';
import { DwarfQuery } from '../dwarf/query.js';
import type { AddressRange } from '../dwarf/ranges.js';
import { ET_REL } from '../elf/consts.js';
import { debugSections } from '../elf/debug-sections.js';
import { hex } from '../elf/describe.js';
import type { ElfFile } from '../elf/read.js';
import { DESCRIPTOR_VERSION, JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN } from '../target/jit-abi.js';
import { summarize, symbolAddress } from './image.js';
import type { Registrations } from './index.js';
import { mappedExecutable, type Mapping } from './maps.js';
import type { LiveEntry } from './snapshot.js';


/**
 * The problems of a process's registrations, one line each: a list that cannot be read
 * whole, a version GDB does not know, an action flag out of place, an image our ELF reader
 * refuses, code not mapped executable, functions or DWARF ranges outside the code.
 */
export function verify(r: Registrations): string[] {
  const problems: string[] = [];
  for (const d of r.descriptors) {
    const at = `descriptor ${hex(d.address)} (${d.object})`;
    if ('error' in d) {
      problems.push(`${at}: ${d.error.reason}`);
      continue;
    }
    if (d.version !== DESCRIPTOR_VERSION) problems.push(`${at}: version ${d.version}, GDB reads only version ${DESCRIPTOR_VERSION}`);
    if (![JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN].includes(d.actionFlag)) problems.push(`${at}: action_flag ${d.actionFlag} is not a jit_actions_t`);
    // LLVM ORC leaves JIT_REGISTER_FN set after registering; then relevant_entry must be listed.
    if (d.actionFlag === JIT_REGISTER_FN && !d.entries.some((e) => e.address === d.relevantEntry)) {
      problems.push(`${at}: action_flag is JIT_REGISTER_FN but relevant_entry ${hex(d.relevantEntry)} is not in the list`);
    }
    for (const e of d.entries) for (const p of entryProblems(e, r.maps)) problems.push(`${at}: entry ${e.index} (${hex(e.address)}): ${p}`);
  }
  return problems;
}

function entryProblems(e: LiveEntry, maps: Mapping[]): string[] {
  const s = summarize(e.image, `symfile ${hex(e.symfileAddr)}`);
  if (s.elf instanceof FormatError) return [`not an ELF file our reader takes: ${s.elf.message}`];
  const elf = s.elf;
  const out: string[] = [];
  for (const c of s.codeSections) {
    if (!mappedExecutable(maps, c.sh_addr, c.sh_addr + c.sh_size)) out.push(`${c.name} ${hex(c.sh_addr)}-${hex(c.sh_addr + c.sh_size)} is not mapped executable`);
  }
  const inside = (begin: number, end: number): boolean => s.codeSections.some((c) => c.sh_addr <= begin && end <= c.sh_addr + c.sh_size);
  for (const f of s.functions) {
    const a = symbolAddress(elf, f);
    if (!inside(a, a + Number(f.st_size))) out.push(`function ${f.name} ${hex(a)}+${Number(f.st_size)} is outside the code`);
  }
  try {
    for (const r of dwarfRanges(elf)) if (!inside(r.begin, r.end)) out.push(`DWARF ${r.what} ${hex(r.begin)}-${hex(r.end)} is outside the code`);
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    out.push(`DWARF unreadable: ${err.message}`);
  }
  return out;
}

/** Every compile unit's and function's DW_AT_low_pc/high_pc (or ranges), at the addresses GDB will use. */
function dwarfRanges(elf: ElfFile): (AddressRange & { what: string })[] {
  const dwarf = new Dwarf(debugSections(elf, elf.header.e_type === ET_REL), { file: elf.file });
  if (!dwarf.sections.has('.debug_info')) return [];
  const q = new DwarfQuery(dwarf);
  return dwarf.units().flatMap((u) => [
    ...q.unitRanges(u).map((r) => ({ ...r, what: `unit ${hex(u.offset)}` })),
    ...q.functions(u).flatMap((f) => f.ranges.map((r) => ({ ...r, what: `function ${f.name ?? f.linkageName ?? hex(f.dieOffset)}` }))),
  ]);
}
