/** Where a link problem is: the object, the section, the offset in it, the symbol. */
export interface LinkLocation {
  object?: string;
  section?: string;
  offset?: number;
  symbol?: string;
}

/**
 * The objects cannot be linked: unresolved or duplicate symbols, a relocation of an unknown or
 * refused type, a fixup out of range, no memory where the code must go. The one error the
 * linker throws for bad input.
 */
export class LinkError extends Error {
  override readonly name = 'LinkError';
  constructor(
    /** What is wrong, without the location. */
    readonly reason: string,
    readonly where: LinkLocation = {},
  ) {
    super(formatMessage(reason, where));
  }
}

function formatMessage(reason: string, where: LinkLocation): string {
  const at: string[] = [];
  if (where.object !== undefined) at.push(where.object);
  if (where.section !== undefined) at.push(`section ${where.section}`);
  if (where.offset !== undefined) at.push(`offset 0x${where.offset.toString(16)}`);
  if (where.symbol !== undefined) at.push(`symbol ${where.symbol}`);
  return at.length ? `${at.join(', ')}: ${reason}` : reason;
}
