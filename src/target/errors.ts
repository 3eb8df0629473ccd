import { JitdbgError } from '../binary/errors.js';

/**
 * A target in another process (an executor) cannot do what was asked: it died or went away
 * (the message names what was in flight), refused the handshake, or failed a request. Not an
 * error of the objects being linked: the linker lets it through as it is.
 */
export class ExecutorError extends JitdbgError {
  override readonly name = 'ExecutorError';
  constructor(
    reason: string,
    /** How the executor's process ended, when this side started it and it has. */
    readonly exit?: ProcessExit,
  ) {
    super(reason);
  }
}

/** A process's end: its exit status, or the signal that killed it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}
