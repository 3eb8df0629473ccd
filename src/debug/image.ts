/**
 * The debug image of linked modules: an ELF file that describes them where they were loaded,
 * readable by GDB (through the JIT interface), LLDB, llvm-dwarfdump or the TUI without a linker.
 * Every loaded section keeps its target address as sh_addr and its bytes as they are in target
 * memory; every debug section is already relocated for those addresses; there is no relocation
 * section; the symbol table holds the modules' symbols at their addresses. An ET_EXEC file,
 * since nothing in it is relocatable any more.
 *
 * One image may describe several modules (a batch linked together), which costs a debugger one
 * registration instead of one per module. Their debug sections are then concatenated name by
 * name, each field holding an offset into a debug section (which the linker lists) raised by
 * where that section's part now starts, as a linker does; their .eh_frame sections, one per
 * module in memory, become one, around the largest one's address. docs/debug-image.md
 * explains the choices.
 */
import {
  EM_X86_64, ET_EXEC, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHN_ABS, SHT_NOBITS, SHT_PROGBITS, STB_LOCAL, STT_FILE,
} from '../elf/consts.js';
import { writeElf, type RawSectionSpec, type SectionSpec, type SymbolSpec } from '../elf/write.js';
import type { DebugOffsets, LoadedSection, LoadedSymbol } from '../link/link.js';
import { inSegment } from '../link/graph.js';
import type { SegmentKind } from '../memory/types.js';
import type { ReadTarget } from '../target/types.js';
import { moveEhFrame } from './eh-frame.js';
import { UnmergeableError } from './errors.js';

/** What an image is made of: a Module, or anything shaped like one. */
export interface ImageSource {
  readonly name: string;
  /** Sections: loaded ones at their target address, debug ones at their offset in the debug section of their name. */
  readonly sections: readonly LoadedSection[];
  readonly symbols: readonly LoadedSymbol[];
  /** Non-allocated sections, relocated for the target addresses. */
  readonly debugSections: ReadonlyMap<string, Uint8Array>;
  /** Per debug section, its fields holding offsets into debug sections. */
  readonly debugOffsets: ReadonlyMap<string, DebugOffsets>;
}

export interface ImageOptions {
  /** Modules whose non-allocated sections are left out (e.g. because their DWARF is malformed). */
  withoutDebugSections?: ReadonlySet<ImageSource>;
}

const FLAGS: Record<SegmentKind, number> = {
  code: SHF_ALLOC | SHF_EXECINSTR,
  rodata: SHF_ALLOC,
  data: SHF_ALLOC | SHF_WRITE,
  zero: SHF_ALLOC | SHF_WRITE,
};

const EH_FRAME = '.eh_frame';

interface Placed {
  section: LoadedSection;
  spec: RawSectionSpec;
}

/**
 * Builds the image of `modules` (one, or a batch whose memory lies within 2 GiB). The contents of
 * loaded sections are read from target memory through `read` (after finalize they exist nowhere
 * else): .eh_frame there is what unwinders need, and code lets offline tools disassemble a
 * dumped image. Throws UnmergeableError when the modules cannot share one image (their memory is too far apart).
 */
export function debugImage(modules: readonly ImageSource[], read: ReadTarget, options: ImageOptions = {}): Uint8Array {
  const merged = modules.length > 1;
  const placed: Placed[] = [];
  const sections: SectionSpec[] = [];
  const names = new Set<string>();
  for (const m of modules) {
    for (const s of m.sections) {
      // Only segments: debug sections come below, concatenated; TLS sections have no address (each thread has its block).
      if (!inSegment(s.placement) || (merged && s.name === EH_FRAME)) continue;
      const nobits = s.placement === 'zero';
      const spec: RawSectionSpec = {
        name: uniqueName(s.name, names),
        sh_type: nobits ? SHT_NOBITS : s.sh_type === SHT_NOBITS ? SHT_PROGBITS : s.sh_type,
        sh_flags: FLAGS[s.placement],
        sh_addr: s.address,
        sh_addralign: s.align,
        ...(nobits ? { size: s.size } : { data: read(s.address, s.size) }),
      };
      placed.push({ section: s, spec });
      sections.push(spec);
    }
  }
  if (merged) {
    const frames = mergedEhFrame(modules, read);
    if (frames) sections.push(frames);
  }
  const described = modules.filter((m) => !options.withoutDebugSections?.has(m));
  for (const [name, data] of concatenated(described)) sections.push({ name, sh_type: SHT_PROGBITS, sh_addralign: 1, data });

  const byAddress = [...placed].sort((p, q) => p.section.address - q.section.address);
  const symbols: SymbolSpec[] = [];
  for (const m of modules) {
    // The module's name as its file symbol, ahead of its locals: how tools and `jitdbg list` name it.
    symbols.push({ name: m.name, type: STT_FILE, bind: STB_LOCAL, st_shndx: SHN_ABS });
    for (const s of m.symbols) {
      const home = sectionAt(byAddress, s.address, s.size);
      symbols.push({
        name: s.name, type: s.type, bind: s.bind, st_value: s.address, st_size: s.size,
        ...(home ? { section: home } : { st_shndx: SHN_ABS }),
      });
    }
  }
  sections.push({ kind: 'symtab', name: '.symtab', symbols });
  return writeElf({ header: { e_type: ET_EXEC, e_machine: EM_X86_64 }, sections });
}

/**
 * The modules' debug sections, name by name: each module's part in turn, with every field that
 * holds an offset into a debug section raised by where that section's part of the module starts.
 */
function concatenated(modules: readonly ImageSource[]): Map<string, Uint8Array> {
  if (modules.length === 1) return new Map(modules[0]!.debugSections);
  const sizes = new Map<string, number>();
  const bases = modules.map((m) => {
    const base = new Map<string, number>();
    for (const [name, bytes] of m.debugSections) {
      const at = sizes.get(name) ?? 0;
      base.set(name, at);
      sizes.set(name, at + bytes.length);
    }
    return base;
  });
  const out = new Map<string, Uint8Array>();
  for (const [name, size] of sizes) out.set(name, new Uint8Array(size));
  modules.forEach((m, i) => {
    const base = bases[i]!;
    const moved = [...base.values()].some((at) => at !== 0);
    for (const [name, bytes] of m.debugSections) {
      const target = out.get(name)!;
      const at = base.get(name)!;
      target.set(bytes, at);
      const fields = m.debugOffsets.get(name);
      if (moved && fields) rebase(new DataView(target.buffer, target.byteOffset + at, bytes.length), fields, base, { file: m.name, section: name });
    }
  });
  return out;
}

/** Raises each field of `fields` in `view` by where the part of its target section starts (`base`). */
function rebase(view: DataView, fields: DebugOffsets, base: ReadonlyMap<string, number>, where: { file: string; section: string }): void {
  const { offset, size, target } = fields;
  let last = '';
  let add = 0;
  for (let k = 0; k < target.length; k++) {
    const t = target[k]!;
    if (t !== last) {
      last = t;
      add = base.get(t) ?? 0;
    }
    if (add === 0) continue;
    const at = offset[k]!;
    if (size[k] === 4) view.setUint32(at, view.getUint32(at, true) + add, true);
    else if (size[k] === 8) view.setBigUint64(at, view.getBigUint64(at, true) + BigInt(add), true);
    else throw new UnmergeableError(`a ${size[k]}-byte section offset cannot be rebased`, { ...where, offset: at });
  }
}

/**
 * One .eh_frame for the modules: each module's, read from target memory, after the previous
 * one, placed so that the largest stays at its own address (its pointers need no rewriting)
 * and the others are moved. Not SHF_ALLOC: those bytes are not loaded there; its sh_addr is
 * the base of its PC-relative pointers.
 */
function mergedEhFrame(modules: readonly ImageSource[], read: ReadTarget): RawSectionSpec | undefined {
  const frames = modules.flatMap((m) => m.sections.filter((s) => s.name === EH_FRAME && s.size > 0));
  if (frames.length === 0) return undefined;
  const largest = frames.reduce((a, s) => (s.size > a.size ? s : a));
  const address = largest.address - frames.slice(0, frames.indexOf(largest)).reduce((n, s) => n + s.size, 0);
  const data = new Uint8Array(frames.reduce((n, s) => n + s.size, 0));
  let at = 0;
  for (const s of frames) {
    const bytes = read(s.address, s.size);
    data.set(s === largest ? bytes : moveEhFrame(bytes, s.address, address + at), at);
    at += s.size;
  }
  return { name: EH_FRAME, sh_type: SHT_PROGBITS, sh_addr: address, sh_addralign: 8, data };
}

/**
 * The section a symbol lies in: the one whose range holds `address` (a zero-size symbol may sit
 * at a section's end, as `__stop_*` does). Undefined for linker-made data (commons, GOT).
 */
function sectionAt(byAddress: Placed[], address: number, size: number): RawSectionSpec | undefined {
  let lo = 0;
  let hi = byAddress.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (byAddress[mid]!.section.address <= address) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // Sections do not overlap, but empty ones share addresses: look back while one may still hold it.
  for (let i = found; i >= 0 && byAddress[i]!.section.address + byAddress[i]!.section.size >= address; i--) {
    const s = byAddress[i]!.section;
    if (address < s.address + s.size || (size === 0 && address === s.address + s.size)) return byAddress[i]!.spec;
  }
  return undefined;
}

/**
 * `name`, or, when a section of the image already has it (each module of a batch has its own
 * .text; COMDAT groups repeat names), `name.N` with the first N free. LLDB merges sections of
 * one name into one and resolves each symbol through the first: a function of a second .text
 * got a location in the first module too. GDB reads sections by index and is not affected.
 */
function uniqueName(name: string, used: Set<string>): string {
  let unique = name;
  for (let n = 1; used.has(unique); n++) unique = `${name}.${n}`;
  used.add(unique);
  return unique;
}
