import { JitdbgError } from '../binary/errors.js';

/** A mistake in the command line or its files: one line on stderr, exit 1, no stack trace. */
export class UsageError extends JitdbgError {
  override readonly name = 'UsageError';
}
