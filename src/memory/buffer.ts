import { pageLayout, PlacementError, type Allocation, type MemoryManager, type Placement, type SegmentRequest } from './types.js';

/**
 * Target memory that is only bytes: allocations are laid out one after another from a chosen
 * base address into JavaScript buffers. For offline images and tests: the link is the same as
 * for native memory, nothing can be executed.
 */
export class BufferMemoryManager implements MemoryManager {
  readonly inProcess = false;
  private next: number;

  constructor(base = 0x10000000, readonly pageSize = 4096) {
    this.next = base;
  }

  allocate(requests: readonly SegmentRequest[], placement?: Placement): BufferAllocation {
    const { offsets, total } = pageLayout(requests, this.pageSize);
    const start = Math.max(this.next, placement?.near !== undefined ? alignUp(placement.near, this.pageSize) : 0);
    if (placement && (start < placement.min || start + total > placement.max)) {
      throw new PlacementError(`no room for 0x${total.toString(16)} bytes in [0x${placement.min.toString(16)}, 0x${placement.max.toString(16)}) above 0x${start.toString(16)}`);
    }
    this.next = start + total;
    return new BufferAllocation(requests.map((r, i) => ({ kind: r.kind, address: start + offsets[i]!, size: r.size, bytes: new Uint8Array(r.size) })), start, start + total);
  }
}

export class BufferAllocation implements Allocation {
  finalized = false;
  released = false;
  constructor(readonly segments: Allocation['segments'], readonly start: number, readonly end: number) {}
  finalize(): void {
    this.finalized = true;
  }
  release(): void {
    this.released = true;
  }
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}
