/** Where in the input a problem was found: the file, the section, a byte offset, a symbol. */
export interface Location {
  file?: string;
  section?: string;
  /** Byte offset; within `section` when that is given, else within the file. */
  offset?: number;
  symbol?: string;
}

/**
 * The base of every error jitdbg throws for a problem outside itself — bad input, an object
 * that cannot be linked, a library that cannot be loaded, a wrong command line — as opposed to
 * a bug. Carries the reason and its location; `message` is both: `FILE: section S, offset
 * 0xN, symbol X: reason`, each part where known.
 */
export class JitdbgError extends Error {
  constructor(
    /** What is wrong, without the location. */
    readonly reason: string,
    readonly where: Location = {},
  ) {
    super(formatMessage(reason, where));
  }
}

/**
 * Bad input: the bytes do not follow the format. The only error a parser may throw; any
 * other exception escaping a parser is a bug.
 */
export class FormatError extends JitdbgError {
  override readonly name: string = 'FormatError';

  /** The same error, with location fields filled in where they were missing. */
  within(where: Location): FormatError {
    return new FormatError(this.reason, { ...where, ...definedOnly(this.where) });
  }
}

function definedOnly(where: Location): Location {
  const out: Location = {};
  for (const k of ['file', 'section', 'offset', 'symbol'] as const) if (where[k] !== undefined) (out as Record<string, unknown>)[k] = where[k];
  return out;
}

function formatMessage(reason: string, where: Location): string {
  const at: string[] = [];
  if (where.section !== undefined) at.push(`section ${where.section}`);
  if (where.offset !== undefined) at.push(`offset 0x${where.offset.toString(16)}`);
  if (where.symbol !== undefined) at.push(`symbol ${where.symbol}`);
  const file = where.file !== undefined ? `${where.file}: ` : '';
  return `${file}${at.length ? `${at.join(', ')}: ` : ''}${reason}`;
}
