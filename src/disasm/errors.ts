import { JitdbgError } from '../binary/errors.js';

/** Code that cannot be disassembled as asked: a machine jitdbg has no decoder for. */
export class DisasmError extends JitdbgError {
  override readonly name = 'DisasmError';
}
