import { TextWriter } from '../binary/text-writer.js';
import type { ElfFile } from '../elf/read.js';
import { PT_INTERP, SHT_DYNSYM, SHT_REL, SHT_RELA, SHT_STRTAB, SHT_SYMTAB, SHT_SYMTAB_SHNDX } from '../elf/consts.js';
import { LISTING_PARTS, writeListing, writeListingJson, type ListingPart } from '../elf/listing.js';
import type { Command } from './commands.js';
import { UsageError } from './errors.js';
import { stdout, writeStdout } from './output.js';
import { readElfTables } from './input.js';

const USAGE = `usage: jitdbg elf FILE [--header] [--sections] [--segments] [--symbols] [--relocs] [--json]

Lists an ELF64 file's header, section headers, program headers, symbol tables (.symtab and
.dynsym) and relocations (REL and RELA), as 'readelf -W' would. Without a selection, all of them.

  --json   one JSON object { file, header, sections, segments, symbols, relocations } with
           the selected parts; 64-bit numbers as hex strings ("0x1f", "-0x4")
  --help   this text
`;

/** The sections each part reads: symbol names, and the symbols relocations name. */
const SYMBOL_SECTIONS = [SHT_SYMTAB, SHT_DYNSYM, SHT_STRTAB, SHT_SYMTAB_SHNDX];
const PART_SECTIONS: Record<ListingPart, number[]> = {
  header: [], sections: [], segments: [], symbols: SYMBOL_SECTIONS, relocs: [SHT_REL, SHT_RELA, ...SYMBOL_SECTIONS],
};

export const elf: Command = {
  summary: 'list the header, sections, segments, symbols and relocations of an ELF file',
  async run(args: string[]): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      stdout().write(USAGE);
      return 0;
    }
    const parts = new Set<ListingPart>();
    let json = false;
    const files: string[] = [];
    for (const arg of args) {
      const part = LISTING_PARTS.find((p) => arg === `--${p}`);
      if (part) parts.add(part);
      else if (arg === '--json') json = true;
      else if (arg.startsWith('-')) throw new UsageError(`elf: unknown option '${arg}' (try 'jitdbg elf --help')`);
      else files.push(arg);
    }
    if (files.length !== 1) throw new UsageError(`elf: expected one FILE, got ${files.length} (try 'jitdbg elf --help')`);
    const file = files[0]!;
    const selected: ReadonlySet<ListingPart> = parts.size ? parts : new Set(LISTING_PARTS);
    const elfFile = readForListing(file, selected);
    // Build the whole output before writing any of it: bad input prints only the error line.
    // Room for the text of most files at once: pages the output never touches cost nothing.
    const w = new TextWriter(2 * elfFile.bytes.length);
    if (json) writeListingJson(elfFile, file, selected, w);
    else writeListing(elfFile, selected, w);
    writeStdout(w.view());
    return 0;
  },
};

/** `file` with what a listing of `parts` reads loaded (readElfTables). */
export function readForListing(file: string, parts: ReadonlySet<ListingPart>): ElfFile {
  return readElfTables(file, new Set([...parts].flatMap((p) => PART_SECTIONS[p])), new Set(parts.has('segments') ? [PT_INTERP] : []));
}
