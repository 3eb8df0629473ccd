/**
 * Target memory for linked code, as MCJIT's JITMemoryManager divides it: a module asks for
 * segments by permission, the linker writes into the working bytes of each at the target
 * addresses chosen up front, and `finalize` makes the memory what the code will run in.
 * W^X: no page is ever writable and executable at once.
 */

/** code: read+execute; rodata: read-only; data: read-write; zero: read-write, zero-filled. */
export type SegmentKind = 'code' | 'rodata' | 'data' | 'zero';

export const SEGMENT_KINDS: readonly SegmentKind[] = ['code', 'rodata', 'data', 'zero'];

export interface SegmentRequest {
  kind: SegmentKind;
  size: number;
  /** Power of two; at most the page size. */
  align: number;
}

/**
 * Where an allocation may go: every byte of it within [min, max). The linker derives this from
 * the 32-bit references the code makes (absolute ones need the low 2 GiB, PC-relative ones
 * need their targets within 2 GiB); `near` is a preferred start.
 */
export interface Placement {
  min: number;
  max: number;
  near?: number;
}

export interface Segment {
  readonly kind: SegmentKind;
  /** Target address of the first byte. */
  readonly address: number;
  readonly size: number;
  /**
   * The bytes the linker writes before `finalize`, laid out as at `address` (they may be the
   * target memory itself or a copy that `finalize` transfers).
   */
  readonly bytes: Uint8Array;
}

export interface Allocation {
  /** One per request, in request order. */
  readonly segments: readonly Segment[];
  /** Lowest target address and the byte past the highest, over all segments. */
  readonly start: number;
  readonly end: number;
  /** Transfers the working bytes and sets final permissions. The working bytes are dead afterwards. */
  finalize(): void;
  /** Frees the memory. Idempotent. */
  release(): void;
}

export interface MemoryManager {
  /** Whether target memory is this process's own (code in it can be called from here). */
  readonly inProcess: boolean;
  /** Reserves the segments close together; throws PlacementError when `placement` cannot be met. */
  allocate(requests: readonly SegmentRequest[], placement?: Placement): Allocation;
}

/** No free range satisfies a placement. */
export class PlacementError extends Error {
  override readonly name = 'PlacementError';
}

/** Page-aligned offsets of each request inside one block, and the block's size. */
export function pageLayout(requests: readonly SegmentRequest[], pageSize: number): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let total = 0;
  for (const r of requests) {
    if (!(r.align > 0 && (r.align & (r.align - 1)) === 0 && r.align <= pageSize)) {
      throw new RangeError(`segment alignment ${r.align} is not a power of two up to the page size`);
    }
    offsets.push(total);
    total += Math.ceil(r.size / pageSize) * pageSize;
  }
  return { offsets, total };
}

export const ADDRESS_SPACE_END = 2 ** 47;
