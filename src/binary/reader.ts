import { FormatError, type Location } from './errors.js';

const TWO_32 = 2 ** 32;
const utf8 = new TextDecoder('utf-8', { fatal: false });
/** The origin of a reader not told where its bytes come from: one object for all (readers of small items are many). */
const NO_ORIGIN: Location = Object.freeze({});

/**
 * A bounds-checked cursor over a byte view. It never copies: `bytes` is a subarray of the
 * caller's buffer, and `sub` returns a narrower reader over the same memory. Every read past
 * the end throws a FormatError carrying the section and the absolute offset.
 *
 * 64-bit values come in two flavours: `u64()` as an exact bigint, and `u64n()` as a number,
 * which throws when the value does not fit in 2^53 (addresses and sizes in a hostile file).
 */
export class ByteReader {
  private dataView?: DataView;
  /** Current position, relative to the start of `bytes`. */
  pos = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian = true,
    /** Section and offset of `bytes[0]` in the enclosing input, for error messages. */
    readonly origin: Location = NO_ORIGIN,
  ) {}

  /** A DataView over `bytes`, made on first use: readers of small items (a DWARF expression) rarely need one. */
  get view(): DataView {
    return (this.dataView ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength));
  }

  get length(): number {
    return this.bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  get atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** A FormatError located at `offset` (default: the current position) of this reader. */
  error(reason: string, offset = this.pos): FormatError {
    return new FormatError(reason, { ...this.origin, offset: (this.origin.offset ?? 0) + offset });
  }

  /** Throws unless `size` bytes are available at `offset`. */
  need(offset: number, size: number, what = 'data'): void {
    if (!(offset >= 0 && size >= 0 && offset + size <= this.bytes.length)) {
      throw this.error(`${what}: ${size} bytes at 0x${offset.toString(16)} run past the end (0x${this.bytes.length.toString(16)})`, Math.min(Math.max(offset, 0), this.bytes.length));
    }
  }

  seek(pos: number): this {
    if (!(pos >= 0 && pos <= this.bytes.length)) throw this.error(`seek to 0x${pos.toString(16)} past the end`, this.bytes.length);
    this.pos = pos;
    return this;
  }

  skip(n: number): this {
    return this.seek(this.pos + n);
  }

  /** A reader over `size` bytes at `offset`, sharing memory with this one. */
  sub(offset: number, size: number, what = 'data', origin?: Location): ByteReader {
    this.need(offset, size, what);
    return new ByteReader(
      this.bytes.subarray(offset, offset + size),
      this.littleEndian,
      origin ?? { ...this.origin, offset: (this.origin.offset ?? 0) + offset },
    );
  }

  /** The next `size` bytes as a view (no copy). */
  take(size: number, what = 'data'): Uint8Array {
    this.need(this.pos, size, what);
    const out = this.bytes.subarray(this.pos, this.pos + size);
    this.pos += size;
    return out;
  }

  // Reads at an absolute offset (no cursor movement).
  u8At(o: number): number { this.need(o, 1); return this.bytes[o]!; }
  u16At(o: number): number { this.need(o, 2); return this.view.getUint16(o, this.littleEndian); }
  u32At(o: number): number { this.need(o, 4); return this.view.getUint32(o, this.littleEndian); }
  i32At(o: number): number { this.need(o, 4); return this.view.getInt32(o, this.littleEndian); }
  u64At(o: number): bigint { this.need(o, 8); return this.view.getBigUint64(o, this.littleEndian); }
  i64At(o: number): bigint { this.need(o, 8); return this.view.getBigInt64(o, this.littleEndian); }

  /** An unsigned 64-bit field as a number; throws if it exceeds 2^53 - 1. */
  u64nAt(o: number, what = 'value'): number {
    this.need(o, 8);
    const lo = this.view.getUint32(o + (this.littleEndian ? 0 : 4), this.littleEndian);
    const hi = this.view.getUint32(o + (this.littleEndian ? 4 : 0), this.littleEndian);
    if (hi >= 0x200000) throw this.error(`${what} 0x${(BigInt(hi) << 32n | BigInt(lo)).toString(16)} is too large`, o);
    return hi * TWO_32 + lo;
  }

  /** A signed 64-bit field as a number; throws if its magnitude exceeds 2^53 - 1. */
  i64nAt(o: number, what = 'value'): number {
    this.need(o, 8);
    const lo = this.view.getUint32(o + (this.littleEndian ? 0 : 4), this.littleEndian);
    const hi = this.view.getInt32(o + (this.littleEndian ? 4 : 0), this.littleEndian);
    if (hi >= 0x200000 || hi < -0x200000) throw this.error(`${what} ${this.i64At(o)} is out of range`, o);
    return hi * TWO_32 + lo;
  }

  // Cursor reads.
  u8(): number { const v = this.u8At(this.pos); this.pos += 1; return v; }
  i8(): number { const v = (this.u8At(this.pos) << 24) >> 24; this.pos += 1; return v; }
  u16(): number { const v = this.u16At(this.pos); this.pos += 2; return v; }
  i16(): number { this.need(this.pos, 2); const v = this.view.getInt16(this.pos, this.littleEndian); this.pos += 2; return v; }
  u32(): number { const v = this.u32At(this.pos); this.pos += 4; return v; }
  i32(): number { const v = this.i32At(this.pos); this.pos += 4; return v; }
  u64(): bigint { const v = this.u64At(this.pos); this.pos += 8; return v; }
  i64(): bigint { const v = this.i64At(this.pos); this.pos += 8; return v; }
  u64n(what?: string): number { const v = this.u64nAt(this.pos, what); this.pos += 8; return v; }
  i64n(what?: string): number { const v = this.i64nAt(this.pos, what); this.pos += 8; return v; }

  /** An unsigned integer of 1, 2, 4 or 8 bytes as a number (8: must fit in 2^53). */
  uintN(size: number, what?: string): number {
    switch (size) {
      case 1: return this.u8();
      case 2: return this.u16();
      case 4: return this.u32();
      case 8: return this.u64n(what);
      default: throw this.error(`unsupported integer size ${size}`);
    }
  }

  /** ULEB128 as a number; throws if it exceeds 2^53 - 1 or runs past the end. */
  uleb128(): number {
    const start = this.pos;
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.bytes.length) throw this.error('ULEB128 runs past the end', start);
      const byte = this.bytes[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) break;
      scale *= 128;
      if (scale > 2 ** 56) throw this.error('ULEB128 too long', start);
    }
    if (result > Number.MAX_SAFE_INTEGER) throw this.error('ULEB128 value too large', start);
    return result;
  }

  /** ULEB128 as an exact bigint (up to 64 bits kept; longer encodings are an error). */
  uleb128Big(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.bytes.length) throw this.error('ULEB128 runs past the end', start);
      const byte = this.bytes[this.pos++]!;
      if (shift < 64n) result |= BigInt(byte & 0x7f) << shift;
      else if ((byte & 0x7f) !== 0) throw this.error('ULEB128 value exceeds 64 bits', start);
      if ((byte & 0x80) === 0) break;
      shift += 7n;
      if (shift > 70n * 7n) throw this.error('ULEB128 too long', start);
    }
    return BigInt.asUintN(64, result);
  }

  /** SLEB128 as a number; throws if its magnitude exceeds 2^53 - 1. */
  sleb128(): number {
    const start = this.pos;
    // Up to 7 bytes (49 bits: line advances, offsets) need no bigint.
    const end = Math.min(this.bytes.length, start + 7);
    let result = 0;
    let scale = 1;
    for (let pos = start; pos < end; pos++) {
      const byte = this.bytes[pos]!;
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) {
        this.pos = pos + 1;
        // Bit 6 of the last byte is the sign.
        return byte & 0x40 ? result - scale : result;
      }
    }
    const v = this.sleb128Big();
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw this.error('SLEB128 value out of range', start);
    return Number(v);
  }

  /** SLEB128 as an exact bigint, sign-extended to 64 bits. */
  sleb128Big(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    let byte: number;
    do {
      if (this.pos >= this.bytes.length) throw this.error('SLEB128 runs past the end', start);
      byte = this.bytes[this.pos++]!;
      if (shift < 64n) result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if (shift > 70n * 7n) throw this.error('SLEB128 too long', start);
    } while (byte & 0x80);
    if (shift < 64n && byte & 0x40) result |= -1n << shift;
    return BigInt.asIntN(64, result);
  }

  /** The NUL-terminated string at `offset`, decoded as UTF-8. */
  cstringAt(offset: number, what = 'string'): string {
    if (!(offset >= 0 && offset < this.bytes.length)) throw this.error(`${what} offset 0x${offset.toString(16)} is out of bounds (size 0x${this.bytes.length.toString(16)})`, Math.max(0, Math.min(offset, this.bytes.length)));
    const end = this.bytes.indexOf(0, offset);
    if (end < 0) throw this.error(`${what} at 0x${offset.toString(16)} is not NUL-terminated`, offset);
    return decodeAscii(this.bytes, offset, end);
  }

  /** The NUL-terminated string at the cursor; the cursor moves past the NUL. */
  cstring(what = 'string'): string {
    const s = this.cstringAt(this.pos, what);
    this.pos = this.bytes.indexOf(0, this.pos) + 1;
    return s;
  }
}

/** Fast path for the ASCII names that fill symbol tables; falls back to UTF-8. */
function decodeAscii(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return utf8.decode(bytes.subarray(start, end));
  let s = '';
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 0x80) return utf8.decode(bytes.subarray(start, end));
    s += String.fromCharCode(c);
  }
  return s;
}
