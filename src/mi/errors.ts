import { FormatError } from '../binary/errors.js';

/**
 * A line that does not follow the GDB/MI output grammar. The only error the parser throws.
 * `line` and `column` are 1-based; the column counts bytes of the line's UTF-8 encoding.
 */
export class MiParseError extends FormatError {
  override readonly name = 'MiParseError';
  constructor(
    reason: string,
    readonly line: number,
    readonly column: number,
    /** Byte offset of the problem in the whole input given to the parser. */
    offset: number,
  ) {
    super(reason, { offset });
    this.message = `line ${line}, column ${column}: ${reason}`;
  }
}

/**
 * Why a command failed:
 * - `gdb`: GDB answered `^error` (`gdbMessage` and `code` are GDB's);
 * - `timeout`: no answer in time; the session killed GDB;
 * - `exited`: GDB ended (or could not start) before answering;
 * - `invalid`: the command cannot be sent (empty, or contains a line break).
 */
export type MiErrorKind = 'gdb' | 'timeout' | 'exited' | 'invalid';

/** A command of an MI session that did not succeed. */
export class MiError extends Error {
  override readonly name = 'MiError';
  constructor(
    readonly kind: MiErrorKind,
    /** The command as the caller gave it (without the token). */
    readonly command: string,
    /** GDB's `msg` for kind `gdb`, else a description of what happened. */
    readonly gdbMessage: string,
    /** GDB's `code` field of `^error`, e.g. `undefined-command`, when it gave one. */
    readonly code?: string,
  ) {
    super(`${command}: ${gdbMessage}`);
  }
}
