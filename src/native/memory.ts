import { dlsym, mapAnywhere, mapAt, memoryView, PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_WRITE, protect, RTLD_DEFAULT, unmap } from './libc.js';
import { ADDRESS_SPACE_END, pageLayout, PlacementError, type Allocation, type MemoryManager, type Placement, type Segment, type SegmentKind, type SegmentRequest } from '../memory/types.js';

const FINAL_PROT: Record<SegmentKind, number> = {
  code: PROT_READ | PROT_EXEC,
  rodata: PROT_READ,
  data: PROT_READ | PROT_WRITE,
  zero: PROT_READ | PROT_WRITE,
};
const LOWEST = 0x10000; // vm.mmap_min_addr's default
const GiB = 2 ** 30;
const TRIES = 64;

/**
 * This process's memory, through mmap. A module's segments are one mapping (page-aligned
 * parts), so PC-relative references between them always fit, and modules are placed one after
 * another so references between modules of a session fit too. The mapping is read-write (never
 * executable) while the linker writes; `finalize` turns code read+execute and read-only data
 * read-only.
 *
 * Without constraints, allocations start 1 GiB above the process's C data (found through
 * `stdout`): an executable's copies of library data (stdout, environ, std::cout) live there, and
 * position-dependent code reaches them with 32-bit PC-relative references.
 */
export class NativeMemoryManager implements MemoryManager {
  readonly inProcess = true;
  private next: number | undefined;

  allocate(requests: readonly SegmentRequest[], placement?: Placement): NativeAllocation {
    const { offsets, total } = pageLayout(requests, PAGE_SIZE);
    const min = Math.max(placement?.min ?? 0, LOWEST);
    const max = Math.min(placement?.max ?? ADDRESS_SPACE_END, ADDRESS_SPACE_END);
    const start = this.map(Math.max(total, PAGE_SIZE), min, max, placement?.near ?? (this.next ??= defaultStart()));
    this.next = start + total;
    const segments: Segment[] = requests.map((r, i) => {
      const address = start + offsets[i]!;
      return { kind: r.kind, address, size: r.size, bytes: memoryView(address, r.size) };
    });
    return new NativeAllocation(segments, start, Math.max(total, PAGE_SIZE));
  }

  /** Maps `length` read-write bytes inside [min, max), as near `near` as a few tries find. */
  private map(length: number, min: number, max: number, near: number): number {
    if (max - min < length) throw new PlacementError(`no range of 0x${length.toString(16)} bytes fits in [0x${min.toString(16)}, 0x${max.toString(16)})`);
    const first = clamp(alignDown(near, PAGE_SIZE), alignUp(min, PAGE_SIZE), alignDown(max - length, PAGE_SIZE));
    const step = alignUp(Math.max(length, 1 << 20), PAGE_SIZE);
    for (let i = 0; i < TRIES; i++) {
      for (const at of [first + i * step, first - i * step]) {
        if (at < min || at + length > max || (i === 0 && at !== first)) continue;
        const got = mapAt(at, length, PROT_READ | PROT_WRITE);
        if (got !== undefined) return got;
      }
    }
    const got = mapAnywhere(length, PROT_READ | PROT_WRITE);
    if (got >= min && got + length <= max) return got;
    unmap(got, length);
    throw new PlacementError(`no free range of 0x${length.toString(16)} bytes found in [0x${min.toString(16)}, 0x${max.toString(16)})`);
  }
}

export class NativeAllocation implements Allocation {
  private state: 'writing' | 'final' | 'released' = 'writing';
  readonly end: number;

  constructor(readonly segments: readonly Segment[], readonly start: number, private readonly length: number) {
    this.end = start + length;
  }

  finalize(): void {
    if (this.state !== 'writing') throw new Error(`allocation at 0x${this.start.toString(16)} is ${this.state}`);
    for (const s of this.segments) {
      if (s.size > 0) protect(s.address, alignUp(s.size, PAGE_SIZE), FINAL_PROT[s.kind]);
    }
    this.state = 'final';
  }

  release(): void {
    if (this.state === 'released') return;
    unmap(this.start, this.length);
    this.state = 'released';
  }
}

function defaultStart(): number {
  const data = dlsym(RTLD_DEFAULT, 'stdout') ?? 0x40000000;
  return alignUp(data + GiB, 1 << 20);
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}
function alignDown(n: number, a: number): number {
  return Math.floor(n / a) * a;
}
function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), hi);
}
