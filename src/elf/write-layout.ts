import {
  ELF64_EHDR_SIZE, ELF64_PHDR_SIZE, ELF64_SHDR_SIZE, PT_GNU_STACK, PT_LOAD, PT_PHDR, PT_TLS, SHF_TLS,
  SHT_NOBITS,
} from './consts.js';
import type { ElfSegment } from './types.js';

/** What the layout needs to know of a section. */
export interface LayoutSection {
  name: string;
  sh_type: number;
  sh_flags: bigint;
  sh_addralign: number;
  size: number;
  /** Given address; for a section of a PT_LOAD, undefined lets the layout choose one. */
  sh_addr: number | undefined;
}

/** A program header as written. */
export type PlacedSegment = Omit<ElfSegment, 'index'>;

/** A program header's type and flags, and the fields given rather than derived. */
export type SegmentFields = Pick<ElfSegment, 'p_type' | 'p_flags'> & Partial<Omit<PlacedSegment, 'p_type' | 'p_flags'>>;

/** What the layout needs to know of a program header. */
export interface LayoutSegment extends SegmentFields {
  /** Indexes (into the section array) of the sections it covers. */
  sections: number[];
  /** Covers the ELF header and the program header table too (a PT_LOAD at offset 0, or PT_PHDR). */
  headers: boolean;
}

export interface Layout {
  e_phoff: number;
  e_shoff: number;
  fileSize: number;
  /** sh_offset and sh_addr per section (index 0, the null section, stays 0). */
  sh_offset: number[];
  sh_addr: number[];
  segments: PlacedSegment[];
}

export interface LayoutOptions {
  /** Address of the first PT_LOAD whose address the layout chooses. */
  base: number;
  /** p_align of a PT_LOAD that gives none: file offsets and addresses agree modulo it. */
  pageSize: number;
}

const alignUp = (n: number, a: number): number => (a > 1 ? Math.ceil(n / a) * a : n);
/** The least offset >= `from` that is congruent to `addr` modulo `align`. */
const congruent = (from: number, addr: number, align: number): number => from + ((((addr - from) % align) + align) % align);
const isNobits = (s: LayoutSection): boolean => s.sh_type === SHT_NOBITS;
/** .tbss occupies no room in the PT_LOAD that holds it; only the PT_TLS template counts it. */
const isTbss = (s: LayoutSection): boolean => isNobits(s) && (s.sh_flags & BigInt(SHF_TLS)) !== 0n;

/** Where a PT_LOAD was placed: its file offset and address, and the end of its memory so far. */
interface LoadState {
  offset: number;
  addr: number;
  memEnd: number;
}

/**
 * Pass one of the writer: file offsets for the program headers, every section and the
 * section headers; addresses for the sections of PT_LOAD segments that give none; then
 * every program header from the sections it covers.
 *
 * Sections go in file order as listed. Within a PT_LOAD, offset - address is the same for
 * every section (the loader maps one contiguous range), and the segment's first offset is
 * congruent to its address modulo p_align.
 */
export function layout(sections: LayoutSection[], segments: LayoutSegment[], opts: LayoutOptions): Layout {
  const phnum = segments.length;
  const e_phoff = phnum ? ELF64_EHDR_SIZE : 0;
  const headersEnd = ELF64_EHDR_SIZE + phnum * ELF64_PHDR_SIZE;
  const loadOf = loadMembership(sections, segments);
  const states = new Map<LayoutSegment, LoadState>();
  let nextAddr = opts.base;
  let cursor = headersEnd;
  const sh_offset = new Array<number>(sections.length).fill(0);
  const sh_addr = new Array<number>(sections.length).fill(0);

  const start = (seg: LayoutSegment, s: LayoutSection, fileFrom: number): LoadState => {
    const align = seg.p_align ?? opts.pageSize;
    let state: LoadState;
    if (seg.headers) {
      const addr = s.sh_addr === undefined ? alignUp(nextAddr, align) : s.sh_addr - congruent(fileFrom, s.sh_addr, align);
      if (addr < 0) throw new Error(`section ${s.name}: sh_addr 0x${s.sh_addr!.toString(16)} leaves no room below it for the ELF headers its PT_LOAD maps`);
      state = { offset: 0, addr, memEnd: addr + headersEnd };
    } else if (s.sh_addr === undefined) {
      const offset = alignUp(fileFrom, Math.max(s.sh_addralign, 1));
      const addr = alignUp(nextAddr, align) + (offset % align);
      state = { offset, addr, memEnd: addr };
    } else {
      const offset = congruent(fileFrom, s.sh_addr, align);
      state = { offset, addr: s.sh_addr, memEnd: s.sh_addr };
    }
    states.set(seg, state);
    return state;
  };

  for (const seg of segments) {
    // A PT_LOAD of the headers alone comes first in memory, at the base address.
    if (seg.p_type === PT_LOAD && seg.headers && seg.sections.length === 0) {
      const addr = alignUp(nextAddr, seg.p_align ?? opts.pageSize);
      states.set(seg, { offset: 0, addr, memEnd: addr + headersEnd });
      nextAddr = addr + headersEnd;
    }
  }
  for (let i = 1; i < sections.length; i++) {
    const s = sections[i]!;
    const align = Math.max(s.sh_addralign, 1);
    if (s.sh_addr !== undefined && s.sh_addr % align !== 0) {
      throw new Error(`section ${s.name}: sh_addr 0x${s.sh_addr.toString(16)} is not a multiple of sh_addralign ${align}`);
    }
    const seg = loadOf[i];
    if (seg === undefined) {
      sh_offset[i] = alignUp(cursor, align);
      sh_addr[i] = s.sh_addr ?? 0;
      if (!isNobits(s)) cursor = sh_offset[i]! + s.size;
      continue;
    }
    const state = states.get(seg) ?? start(seg, s, cursor);
    // The first address this section may take: past the segment's memory so far, and past
    // the file bytes already written (offset - address is fixed inside the segment).
    const floor = Math.max(state.memEnd, state.addr + (cursor - state.offset));
    const addr = s.sh_addr ?? alignUp(isNobits(s) ? state.memEnd : floor, align);
    if (addr < (isNobits(s) ? state.memEnd : floor) && !isTbss(s)) {
      throw new Error(`section ${s.name}: sh_addr 0x${addr.toString(16)} overlaps what its PT_LOAD already holds (next free address 0x${floor.toString(16)}); list the sections of a segment in address order`);
    }
    sh_addr[i] = addr;
    sh_offset[i] = state.offset + (addr - state.addr);
    if (!isTbss(s)) state.memEnd = Math.max(state.memEnd, addr + s.size);
    if (!isNobits(s)) cursor = sh_offset[i]! + s.size;
    nextAddr = Math.max(nextAddr, state.memEnd);
  }

  const e_shoff = alignUp(cursor, 8);
  const placed = segments.map((seg) => place(seg, sections, { sh_offset, sh_addr }, states, { e_phoff, headersEnd, pageSize: opts.pageSize }));
  checkLoadOrder(placed);
  return { e_phoff, e_shoff, fileSize: e_shoff + sections.length * ELF64_SHDR_SIZE, sh_offset, sh_addr, segments: placed };
}

/** For each section index, the PT_LOAD that lists it (a section may be in one PT_LOAD only). */
function loadMembership(sections: LayoutSection[], segments: LayoutSegment[]): (LayoutSegment | undefined)[] {
  const loadOf = new Array<LayoutSegment | undefined>(sections.length);
  for (const seg of segments) {
    if (seg.p_type !== PT_LOAD) continue;
    for (const i of seg.sections) {
      if (loadOf[i]) throw new Error(`section ${sections[i]!.name} is listed in two PT_LOAD segments`);
      loadOf[i] = seg;
    }
  }
  return loadOf;
}

/** A program header from what it covers; fields given in the description win. */
function place(
  seg: LayoutSegment,
  sections: LayoutSection[],
  at: { sh_offset: number[]; sh_addr: number[] },
  states: Map<LayoutSegment, LoadState>,
  headers: { e_phoff: number; headersEnd: number; pageSize: number },
): PlacedSegment {
  let fileStart = Infinity, fileEnd = -Infinity, memStart = Infinity, memEnd = -Infinity, maxAlign = 1;
  for (const i of seg.sections) {
    const s = sections[i]!;
    maxAlign = Math.max(maxAlign, s.sh_addralign);
    const off = at.sh_offset[i]!, addr = at.sh_addr[i]!;
    fileStart = Math.min(fileStart, off);
    memStart = Math.min(memStart, addr);
    if (!isNobits(s)) fileEnd = Math.max(fileEnd, off + s.size);
    if (!isTbss(s) || seg.p_type === PT_TLS) memEnd = Math.max(memEnd, addr + s.size);
  }
  let p_offset = 0, p_vaddr = 0, p_filesz = 0, p_memsz = 0;
  if (seg.headers) {
    const load = [...states.entries()].find(([s]) => s.headers)?.[1];
    if (seg.p_type === PT_PHDR) {
      if (!load) throw new Error('PT_PHDR: no PT_LOAD maps the program headers (give one `headers: true`)');
      p_offset = headers.e_phoff;
      p_vaddr = load.addr + headers.e_phoff;
      p_filesz = p_memsz = headers.headersEnd - headers.e_phoff;
    } else {
      p_vaddr = states.get(seg)?.addr ?? 0;
      p_filesz = Math.max(fileEnd, headers.headersEnd);
      p_memsz = Math.max(memEnd, p_vaddr + headers.headersEnd) - p_vaddr;
    }
  } else if (seg.sections.length) {
    const load = states.get(seg);
    p_offset = load ? load.offset : fileStart;
    p_vaddr = load ? load.addr : memStart;
    p_filesz = fileEnd === -Infinity ? 0 : fileEnd - p_offset;
    p_memsz = memEnd === -Infinity ? 0 : memEnd - p_vaddr;
  }
  const defaultAlign = seg.p_type === PT_LOAD ? headers.pageSize : seg.p_type === PT_GNU_STACK ? 16 : seg.p_type === PT_PHDR ? 8 : maxAlign;
  return {
    p_type: seg.p_type,
    p_flags: seg.p_flags,
    p_offset: seg.p_offset ?? p_offset,
    p_vaddr: seg.p_vaddr ?? p_vaddr,
    p_paddr: seg.p_paddr ?? seg.p_vaddr ?? p_vaddr,
    p_filesz: seg.p_filesz ?? p_filesz,
    p_memsz: seg.p_memsz ?? p_memsz,
    p_align: seg.p_align ?? defaultAlign,
  };
}

/** The loader maps PT_LOADs in order: they must ascend and not overlap (gABI, "Program Header"). */
function checkLoadOrder(segments: PlacedSegment[]): void {
  let end = -Infinity;
  for (const seg of segments) {
    if (seg.p_type !== PT_LOAD) continue;
    if (seg.p_vaddr < end) throw new Error(`PT_LOAD at 0x${seg.p_vaddr.toString(16)} overlaps or precedes the PT_LOAD before it (which ends at 0x${end.toString(16)})`);
    if (seg.p_align > 1 && (seg.p_vaddr - seg.p_offset) % seg.p_align !== 0) {
      throw new Error(`PT_LOAD at 0x${seg.p_vaddr.toString(16)}: p_offset 0x${seg.p_offset.toString(16)} is not congruent to p_vaddr modulo p_align 0x${seg.p_align.toString(16)}`);
    }
    end = seg.p_vaddr + seg.p_memsz;
  }
}
