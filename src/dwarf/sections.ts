import { ByteReader } from '../binary/index.js';

/** Returns a section's bytes by name (`.debug_info`...), already decompressed and relocated. */
export type SectionGetter = (name: string) => Uint8Array | undefined;

export interface DwarfOptions {
  /** Byte order of the sections (default little-endian). */
  littleEndian?: boolean;
  /** File name for error messages. */
  file?: string;
  /** Address of a loaded section (`sh_addr`), for pc-relative pointers in `.eh_frame`. */
  addressOf?: (name: string) => number | undefined;
  /** Register naming for expressions and CFI (default x86-64). */
  machine?: 'x86-64' | 'aarch64';
}

/** The debug sections of one input, each read on first use and cached as a ByteReader. */
export class Sections {
  private readonly readers = new Map<string, ByteReader>();

  constructor(
    private readonly get: SectionGetter,
    readonly options: DwarfOptions = {},
  ) {}

  get littleEndian(): boolean {
    return this.options.littleEndian ?? true;
  }

  has(name: string): boolean {
    return this.reader(name).length > 0;
  }

  /** The section as a reader; an absent section reads as empty. */
  reader(name: string): ByteReader {
    let r = this.readers.get(name);
    if (!r) {
      const where = this.options.file === undefined ? { section: name } : { file: this.options.file, section: name };
      r = new ByteReader(this.get(name) ?? new Uint8Array(0), this.littleEndian, where);
      this.readers.set(name, r);
    }
    return r;
  }
}
