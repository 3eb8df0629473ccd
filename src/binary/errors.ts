/** Where in the input a problem was found: the file, the section and a byte offset. */
export interface Location {
  file?: string;
  section?: string;
  /** Byte offset; within `section` when that is given, else within the file. */
  offset?: number;
}

/**
 * Bad input: the bytes do not follow the format. The only error a parser may throw; any
 * other exception escaping a parser is a bug.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
  constructor(
    /** What is wrong, without the location. */
    readonly reason: string,
    readonly where: Location = {},
  ) {
    super(formatMessage(reason, where));
  }

  /** The same error, with location fields filled in where they were missing. */
  within(where: Location): FormatError {
    return new FormatError(this.reason, { ...where, ...definedOnly(this.where) });
  }
}

function definedOnly(where: Location): Location {
  const out: Location = {};
  if (where.file !== undefined) out.file = where.file;
  if (where.section !== undefined) out.section = where.section;
  if (where.offset !== undefined) out.offset = where.offset;
  return out;
}

function formatMessage(reason: string, where: Location): string {
  const at: string[] = [];
  if (where.section !== undefined) at.push(`section ${where.section}`);
  if (where.offset !== undefined) at.push(`offset 0x${where.offset.toString(16)}`);
  return at.length ? `${at.join(', ')}: ${reason}` : reason;
}
