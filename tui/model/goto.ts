/** Go to an address (or a symbol's): the symbol, source line and section that contain it, and the view that shows it. */
import { label } from './disassembly.js';
import type { Document } from './document.js';
import { hex, jumpTo, type Jump } from './page.js';

export interface Destination {
  /** One line: where the address is. */
  message: string;
  jump?: Jump;
}

/** `0x4011d0`, `4011d0` (hex, as addresses are shown) or a symbol name; the current document is searched first. */
export function goTo(docs: readonly Document[], current: number, input: string): Destination {
  const query = input.trim();
  if (query === '') return { message: 'go to: type an address (0x4011d0) or a symbol name' };
  const order = [current, ...docs.keys()].filter((d, i, all) => all.indexOf(d) === i && d < docs.length);
  let address: number | undefined;
  let found = -1;
  if (/^(0x)?[0-9a-f]+$/i.test(query)) {
    address = parseInt(query.replace(/^0x/i, ''), 16);
    found = order.find((d) => docs[d]!.sectionAt(address!)) ?? -1;
  }
  if (found < 0) {
    for (const d of order) {
      const sym = docs[d]!.symbolNamed(query);
      if (sym) {
        found = d;
        address = sym.address;
        break;
      }
    }
  }
  if (found < 0 || address === undefined) return { message: `${query}: no section of ${docs.length === 1 ? docs[0]!.name : 'the modules open'} holds it, and no symbol has that name` };
  const doc = docs[found]!;
  const section = doc.sectionAt(address)!;
  const src = doc.sourceAt(address);
  const where = [
    `${hex(address)} is ${label(doc, address)}`,
    src?.file !== undefined ? `${src.file.split('/').pop()}:${src.line}` : undefined,
    `section ${section.name}`,
    docs.length > 1 ? `in ${doc.name}` : undefined,
  ].filter((x) => x !== undefined);
  const jump = jumpTo(doc, found, address);
  return jump ? { message: where.join(', '), jump } : { message: where.join(', ') };
}
