import { JitdbgError } from '../binary/errors.js';

/** Another process cannot be read: it does not exist, may not be read, has no JIT descriptor, or its list is broken. */
export class LiveError extends JitdbgError {
  override readonly name = 'LiveError';
}
