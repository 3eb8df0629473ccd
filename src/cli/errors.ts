/** A mistake in the command line: one line on stderr, exit 1, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
