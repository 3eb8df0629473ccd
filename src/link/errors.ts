import { JitdbgError, type Location } from '../binary/errors.js';

/** Where a link problem is: the object (`file`), the section, the offset in it, the symbol. */
export type LinkLocation = Location;

/**
 * The objects cannot be linked: unresolved or duplicate symbols, a relocation of an unknown or
 * refused type, a fixup out of range, no memory where the code must go. The one error the
 * linker throws for bad input.
 */
export class LinkError extends JitdbgError {
  override readonly name: string = 'LinkError';
}

/** Symbols that nothing defines: not the batch, the session, the caller or the target's libraries. */
export class UndefinedSymbolError extends LinkError {
  override readonly name = 'UndefinedSymbolError';
  constructor(
    /** The undefined names, each once. */
    readonly symbols: readonly string[],
    /** Per name, what needs it (objects, or a shim of libc_nonshared.a). */
    needs: readonly string[],
    where: LinkLocation,
  ) {
    super(`undefined symbol${symbols.length > 1 ? 's' : ''}: ${needs.join(', ')}`, where);
  }
}
