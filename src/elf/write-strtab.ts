const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

/**
 * Builds an ELF string table (SHT_STRTAB) in two steps: `add` every string, then `finish`,
 * after which `offsetOf` answers for any added string.
 *
 * A string that is the tail of another shares its bytes ("text" lives inside ".rela.text"),
 * as GNU ld and LLVM do. New strings are laid out in the order they were first added.
 *
 * An existing table can be kept as the prefix (`preset`): its strings, and their tails, keep
 * their offsets, and only the missing strings are appended. Copying a file through the writer
 * that way leaves every offset that other sections hold into the table valid.
 */
export class StringTableBuilder {
  private readonly added = new Set<string>();
  private offsets: Map<string, number> | undefined;
  private bytes: Uint8Array | undefined;
  /** Every string that starts at a NUL-terminated position of the preset. */
  private readonly presetStrings = new Map<string, number>();

  constructor(
    /** Name of the section, for error messages. */
    readonly name: string,
    private readonly preset: Uint8Array = new Uint8Array(1),
  ) {
    if (preset.length === 0 || preset[0] !== 0 || preset[preset.length - 1] !== 0) {
      throw new Error(`string table ${name}: an existing table must start and end with a NUL byte`);
    }
    for (let start = 0; start < preset.length;) {
      const end = preset.indexOf(0, start);
      const s = utf8Decoder.decode(preset.subarray(start, end));
      if (!this.presetStrings.has(s)) this.presetStrings.set(s, start);
      start = end + 1;
    }
  }

  add(s: string): void {
    if (this.bytes) throw new Error(`string table ${this.name}: add('${s}') after finish()`);
    if (s.includes('\0')) throw new Error(`string table ${this.name}: '${s.replace('\0', '\\0')}' contains a NUL character`);
    this.added.add(s);
  }

  /** Lays the table out once; returns its bytes. */
  finish(): Uint8Array {
    if (this.bytes) return this.bytes;
    const offsets = new Map<string, number>();
    const missing: string[] = [];
    let presetTails: TailIndex | undefined;
    for (const s of this.added) {
      let at = this.presetStrings.get(s);
      // The tails of an empty preset are its empty string, which presetStrings has.
      if (at === undefined && this.preset.length > 1) at = (presetTails ??= new TailIndex(this.preset)).find(s);
      if (at === undefined) missing.push(s);
      else offsets.set(s, at);
    }
    // UTF-8 lengths, and the bytes encoded straight into the table: a debug image has thousands of names.
    const length = new Map(missing.map((s) => [s, Buffer.byteLength(s)]));
    const container = tailSharing(missing);
    let size = this.preset.length;
    for (const s of missing) {
      if (container.get(s) !== s) continue;
      offsets.set(s, size);
      size += length.get(s)! + 1;
    }
    const bytes = new Uint8Array(size);
    bytes.set(this.preset);
    for (const s of missing) {
      const owner = container.get(s)!;
      if (owner === s) utf8.encodeInto(s, bytes.subarray(offsets.get(s)!));
      else offsets.set(s, offsets.get(owner)! + length.get(owner)! - length.get(s)!);
    }
    this.offsets = offsets;
    this.bytes = bytes;
    return bytes;
  }

  get size(): number {
    return this.finish().length;
  }

  /**
   * Where `s` lies. `preferred` is taken when the kept table holds `s` there too (a table may
   * hold a string twice, and a copy keeps pointing where the original did).
   */
  offsetOf(s: string, preferred?: number): number {
    if (preferred !== undefined && this.presetHolds(preferred, s)) return preferred;
    const at = this.offsets?.get(s);
    if (at === undefined) throw new Error(`string table ${this.name}: '${s}' was not added${this.offsets ? '' : ' (or finish() was not called)'}`);
    return at;
  }

  private presetHolds(offset: number, s: string): boolean {
    const bytes = utf8.encode(s);
    if (!(offset >= 0 && offset + bytes.length < this.preset.length) || this.preset[offset + bytes.length] !== 0) return false;
    return bytes.every((b, i) => this.preset[offset + i] === b);
  }
}

/**
 * For each string, the string whose bytes hold it: itself, or a longer string it is a tail
 * of. Sorting the reversed strings puts every tail right after the strings that end with it.
 */
function tailSharing(strings: string[]): Map<string, string> {
  const reversed = strings.map((s) => ({ s, r: [...s].reverse().join('') }));
  reversed.sort((a, b) => (a.r < b.r ? 1 : a.r > b.r ? -1 : 0));
  const owner = new Map<string, string>();
  let last: { s: string; r: string } | undefined;
  for (const entry of reversed) {
    if (last && last.r.startsWith(entry.r)) owner.set(entry.s, owner.get(last.s)!);
    else owner.set(entry.s, entry.s);
    last = entry;
  }
  return owner;
}

/** A string of one char per byte, so that lengths and positions count bytes. */
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
const reverse = (s: string): string => s.split('').reverse().join('');

/**
 * Finds a string as the tail of a string of a table: the table's strings sorted by their
 * reversed bytes, searched for the reversed string as a prefix.
 */
class TailIndex {
  private readonly reversed: string[] = [];
  /** Offset of the NUL that ends reversed[i]'s string. */
  private readonly ends: number[] = [];

  constructor(table: Uint8Array) {
    const entries: { r: string; end: number }[] = [];
    for (let start = 0; start < table.length;) {
      const end = table.indexOf(0, start);
      entries.push({ r: reverse(latin1(table.subarray(start, end))), end });
      start = end + 1;
    }
    entries.sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0));
    for (const e of entries) {
      this.reversed.push(e.r);
      this.ends.push(e.end);
    }
  }

  find(s: string): number | undefined {
    const r = reverse(latin1(utf8.encode(s)));
    let lo = 0, hi = this.reversed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.reversed[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.reversed.length && this.reversed[lo]!.startsWith(r) ? this.ends[lo]! - r.length : undefined;
  }
}
