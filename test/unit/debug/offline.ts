// Linking corpus objects without running them: buffer memory (nothing executes, no initializer
// runs), external symbols bound to made-up addresses within reach, and a reader of the
// target memory the link wrote, as debug images need.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ElfFile } from '../../../src/elf/read.js';
import { SHN_UNDEF, SHT_SYMTAB, STB_LOCAL } from '../../../src/elf/consts.js';
import { BufferMemoryManager, type BufferAllocation } from '../../../src/memory/buffer.js';
import type { Placement, SegmentRequest } from '../../../src/memory/types.js';
import { JITSession, type Module } from '../../../src/session.js';
import { DetachedTarget } from '../../../src/target/detached.js';

/** Buffer memory that remembers its allocations, so that target memory can be read back. */
export class RecordingMemory extends BufferMemoryManager {
  readonly allocations: BufferAllocation[] = [];

  override allocate(requests: readonly SegmentRequest[], placement?: Placement): BufferAllocation {
    const a = super.allocate(requests, placement);
    this.allocations.push(a);
    return a;
  }

  read = (address: number, size: number): Uint8Array => {
    for (const a of this.allocations) {
      for (const s of a.segments) {
        if (address >= s.address && address + size <= s.address + s.size) return s.bytes.subarray(address - s.address, address - s.address + size);
      }
    }
    throw new Error(`0x${address.toString(16)} (+${size}) is not in any segment`);
  };
}

/** Undefined global symbols of the batch that no object of it defines, each at its own made-up address. */
function externals(objects: Uint8Array[]): Record<string, number> {
  const defined = new Set<string>();
  const wanted = new Set<string>();
  for (const bytes of objects) {
    const elf = ElfFile.read(bytes, 'object');
    for (const t of elf.symbolTables.filter((s) => s.sh_type === SHT_SYMTAB)) {
      for (const s of elf.symbols(t)) {
        if (s.bind === STB_LOCAL || s.name === '') continue;
        (s.st_shndx === SHN_UNDEF ? wanted : defined).add(s.name);
      }
    }
  }
  const out: Record<string, number> = {};
  let next = 0x20000000;
  for (const name of wanted) {
    if (!defined.has(name)) out[name] = (next += 0x100);
  }
  return out;
}

/** Links object files (or their bytes, given instead) as one batch into buffer memory; one module each. */
export function linkOffline(files: string[], bytes?: Uint8Array[], base?: number): { modules: Module[]; memory: RecordingMemory; objects: Uint8Array[] } {
  const objects = bytes ?? files.map((f) => new Uint8Array(readFileSync(f)));
  const memory = new RecordingMemory(base);
  // A TLS block in the target's static area, as a loader would place it below the thread pointer.
  const threadLocal = () => ({ moduleId: 1, offset: -0x1000, release: () => {} });
  const target = Object.assign(new DetachedTarget(memory), { threadLocal });
  const session = new JITSession({ target, symbols: externals(objects) });
  const modules = session.addObjects(objects.map((bytes, i) => ({ bytes, name: basename(files[i]!) })));
  return { modules, memory, objects };
}

/** The object with the version of its first .debug_info unit set to 0xffff. */
export function brokenDebugInfo(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const info = ElfFile.read(copy, 'object').section('.debug_info');
  if (!info) throw new Error('the object has no .debug_info');
  copy[info.sh_offset + 4] = 0xff;
  copy[info.sh_offset + 5] = 0xff;
  return copy;
}
