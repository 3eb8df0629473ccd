import { ET_DYN, PT_LOAD } from '../elf/consts.js';
import { DESCRIPTOR } from '../target/jit-abi.js';
import type { ElfFile } from '../elf/read.js';
import type { Mapping } from './maps.js';
import { lookupSymbol } from './symbols.js';

const PAGE = 4096;

/** A `__jit_debug_descriptor` in another process and the mapped object that defines it. */
export interface DescriptorLocation {
  address: number;
  object: string;
}

/**
 * Every `__jit_debug_descriptor` of a process: each mapped ELF file (executable and shared
 * libraries) that defines one, at its st_value plus the file's load bias. GDB, likewise,
 * reads one descriptor per objfile.
 */
export function findDescriptors(maps: Mapping[]): DescriptorLocation[] {
  const files = new Map<string, Mapping[]>();
  for (const m of maps) {
    if (!m.path.startsWith('/') || m.path.endsWith(' (deleted)')) continue;
    const list = files.get(m.path);
    if (list) list.push(m);
    else files.set(m.path, [m]);
  }
  const out: DescriptorLocation[] = [];
  for (const [path, mappings] of files) {
    const found = lookupSymbol(path, DESCRIPTOR);
    if (!found) continue;
    const bias = loadBias(found.elf, mappings);
    if (bias === undefined) continue;
    const address = found.value + bias;
    if (mappings.some((m) => m.start <= address && address < m.end)) out.push({ address, object: path });
  }
  return out;
}

/**
 * Where a file's addresses are in the process: 0 for a fixed-address executable; for a PIE or
 * shared library, a mapping's start minus the page of the PT_LOAD segment it maps.
 */
function loadBias(elf: ElfFile, mappings: Mapping[]): number | undefined {
  if (elf.header.e_type !== ET_DYN) return 0;
  for (const m of mappings) {
    const p = elf.segments.find((s) => s.p_type === PT_LOAD && s.p_offset - (s.p_offset % PAGE) === m.offset);
    if (p) return m.start - (p.p_vaddr - (p.p_vaddr % PAGE));
  }
  return undefined;
}
