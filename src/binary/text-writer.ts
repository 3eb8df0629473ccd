/**
 * Text built as UTF-8 bytes in one growable buffer: the listings (`jitdbg elf`, `jitdbg dwarf`)
 * print hundreds of thousands of rows, and a string per row or per field costs more in
 * allocation and garbage collection than the decoding does. Numbers are formatted straight
 * into the buffer; fields are padded in place (`padEnd`, `padStart` take the offset where the
 * field began), as printf's `%-17s` and `%6d` would.
 */
const TWO_32 = 4294967296;
const DIGITS = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);
const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const encoder = new TextEncoder();

export class TextWriter {
  private buf: Uint8Array;
  /** Bytes written so far; also the offset a field starts at, for the padding methods. */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes; callers check first, so the common case stays inline. */
  private grow(n: number): void {
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** `s` as UTF-8. */
  str(s: string): this {
    const n = s.length;
    if (this.length + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.length = at;
        return this.utf8(s.slice(i));
      }
      buf[at++] = c;
    }
    this.length = at;
    return this;
  }

  private utf8(s: string): this {
    if (this.length + s.length * 3 > this.buf.length) this.grow(s.length * 3);
    this.length += encoder.encodeInto(s, this.buf.subarray(this.length)).written;
    return this;
  }

  /** `s` as a JSON string literal, escaped exactly as JSON.stringify escapes it. */
  jsonString(s: string): this {
    const n = s.length;
    if (this.length + n + 2 > this.buf.length) this.grow(n + 2);
    const buf = this.buf;
    const start = this.length;
    let at = start;
    buf[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // Control characters, quote, backslash, and anything beyond ASCII: JSON.stringify's text.
      if (c < 0x20 || c === QUOTE || c === BACKSLASH || c >= 0x80) {
        this.length = start;
        return this.str(JSON.stringify(s));
      }
      buf[at++] = c;
    }
    buf[at++] = QUOTE;
    this.length = at;
    return this;
  }

  /** One character given by its code (below 0x80). */
  char(code: number): this {
    if (this.length === this.buf.length) this.grow(1);
    this.buf[this.length++] = code;
    return this;
  }

  /**
   * Raw bytes, copied: text written many times (a symbol's columns in every relocation that
   * names it) is faster encoded once (`encodeText`) and copied than written from its string.
   */
  bytes(b: Uint8Array): this {
    if (this.length + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  spaces(n: number): this {
    if (n <= 0) return this;
    if (this.length + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    // A loop, not fill(): fields are padded by a few bytes, and a builtin's call costs more.
    let at = this.length;
    const end = at + n;
    while (at < end) buf[at++] = SPACE;
    this.length = end;
    return this;
  }

  /**
   * Lower-case hex digits of a 64-bit value, at least `width` of them (zero-padded), no prefix.
   * A negative number is taken as two's complement in 64 bits, as the readers keep addresses
   * near 2^64 (tombstones, kernel addresses).
   */
  hex(v: number | bigint, width = 0): this {
    let hi: number;
    let lo: number;
    if (typeof v === 'number') {
      lo = v >>> 0;
      hi = ((v - lo) / TWO_32) >>> 0;
    } else {
      const u = BigInt.asUintN(64, v);
      hi = Number(u >> 32n);
      lo = Number(u & 0xffffffffn);
    }
    let n = hi !== 0 ? 8 + digitCount(hi) : digitCount(lo);
    if (width > n) n = width;
    if (this.length + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    const start = this.length;
    let at = start + n;
    this.length = at;
    const low = at - (n < 8 ? n : 8);
    while (at > low) {
      buf[--at] = DIGITS[lo & 15]!;
      lo >>>= 4;
    }
    while (at > start) {
      buf[--at] = DIGITS[hi & 15]!;
      hi >>>= 4;
    }
    return this;
  }

  /** A decimal integer (or any number, as String() writes it). */
  dec(v: number | bigint): this {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) return this.str(String(v));
    if (v < 0) {
      this.char(0x2d);
      v = -v;
    }
    let n = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) n++;
    if (this.length + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let at = this.length + n;
    this.length = at;
    do {
      buf[--at] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
    return this;
  }

  /** Spaces after the field that began at `start`, until it is `width` bytes wide (`%-Ns`). */
  padEnd(start: number, width: number): this {
    return this.spaces(start + width - this.length);
  }

  /** Moves the field that began at `start` right until it is `width` bytes wide (`%Ns`). */
  padStart(start: number, width: number, fill = SPACE): this {
    const n = start + width - this.length;
    if (n <= 0) return this;
    if (this.length + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    // Loops, as in spaces(): the field is a few bytes.
    for (let at = this.length - 1; at >= start; at--) buf[at + n] = buf[at]!;
    for (let at = start; at < start + n; at++) buf[at] = fill;
    this.length += n;
    return this;
  }

  /** The text written so far (a view: valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  toString(): string {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.length).toString('utf8');
  }
}

/** `s` as UTF-8 bytes, for `TextWriter.bytes`. */
export function encodeText(s: string): Uint8Array {
  return encoder.encode(s);
}

/** How many hex digits a non-zero 32-bit value needs (1 for zero). */
function digitCount(x: number): number {
  return x === 0 ? 1 : 8 - (Math.clz32(x) >> 2);
}
