import { JitdbgError } from '../binary/errors.js';

/**
 * The modules of a batch cannot share one debug image: a field rewritten for the merged layout
 * (a PC-relative .eh_frame pointer, a section offset) does not fit. The registrar then gives
 * each module an image of its own; any other error is not a reason to.
 */
export class UnmergeableError extends JitdbgError {
  override readonly name = 'UnmergeableError';
}
