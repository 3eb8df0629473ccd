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
const encoder = new TextEncoder();

export class TextWriter {
  private buf: Uint8Array;
  /** Bytes written so far; also the offset a field starts at, for the padding methods. */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }

  /** Room for `n` more bytes. */
  private room(n: number): Uint8Array {
    const need = this.length + n;
    if (need > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    return this.buf;
  }

  /** `s` as UTF-8. */
  str(s: string): this {
    const n = s.length;
    const buf = this.room(n);
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
    this.room(s.length * 3);
    this.length += encoder.encodeInto(s, this.buf.subarray(this.length)).written;
    return this;
  }

  /** One character given by its code (below 0x80). */
  char(code: number): this {
    this.room(1)[this.length++] = code;
    return this;
  }

  /** Raw bytes, copied. */
  bytes(b: Uint8Array): this {
    this.room(b.length).set(b, this.length);
    this.length += b.length;
    return this;
  }

  spaces(n: number): this {
    if (n <= 0) return this;
    const buf = this.room(n);
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
    if (typeof v === 'bigint') {
      const u = BigInt.asUintN(64, v);
      hi = Number(u >> 32n);
      lo = Number(u & 0xffffffffn);
    } else {
      lo = v >>> 0;
      hi = ((v - lo) / TWO_32) >>> 0;
    }
    let n = hi !== 0 ? 8 + digitCount(hi) : digitCount(lo);
    if (width > n) n = width;
    const buf = this.room(n);
    const start = this.length;
    let at = start + n;
    this.length = at;
    for (let i = Math.min(n, 8); i > 0; i--) {
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
    const buf = this.room(n);
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
    const buf = this.room(n);
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

/** How many hex digits a non-zero 32-bit value needs (1 for zero). */
function digitCount(x: number): number {
  return x === 0 ? 1 : 8 - (Math.clz32(x) >> 2);
}
