/**
 * A growable little/big-endian byte writer. Writers of file formats reserve every offset
 * first and then write, so `seek` and `at`-style writes into already reserved space are
 * as common as appends.
 */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Current position. */
  pos = 0;
  /** High-water mark: the length of the output. */
  private end = 0;

  constructor(readonly littleEndian = true, capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.end;
  }

  private ensure(size: number): void {
    const need = this.pos + size;
    if (need > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.end));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    if (need > this.end) this.end = need;
  }

  seek(pos: number): this {
    if (!(pos >= 0)) throw new RangeError(`seek to ${pos}`);
    this.pos = pos;
    if (pos > this.end) { this.ensure(0); this.end = pos; }
    return this;
  }

  /** Pads with zero bytes up to a multiple of `alignment` (a power of two, or 0/1). */
  align(alignment: number): this {
    if (alignment > 1) {
      const pad = (alignment - (this.pos % alignment)) % alignment;
      this.zeros(pad);
    }
    return this;
  }

  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
    return this;
  }

  u8(v: number): this { this.ensure(1); this.view.setUint8(this.pos, v); this.pos += 1; return this; }
  u16(v: number): this { this.ensure(2); this.view.setUint16(this.pos, v, this.littleEndian); this.pos += 2; return this; }
  u32(v: number): this { this.ensure(4); this.view.setUint32(this.pos, v >>> 0, this.littleEndian); this.pos += 4; return this; }
  i32(v: number): this { this.ensure(4); this.view.setInt32(this.pos, v, this.littleEndian); this.pos += 4; return this; }

  /** A 64-bit value from a number (must be a safe integer) or a bigint (taken mod 2^64). */
  u64(v: number | bigint): this {
    this.ensure(8);
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new RangeError(`u64: ${v} is not a safe integer`);
      // Two 32-bit halves, without a BigInt per value (symbol tables write thousands).
      const high = Math.floor(v / 2 ** 32);
      const low = v - high * 2 ** 32;
      this.view.setUint32(this.pos, this.littleEndian ? low : high >>> 0, this.littleEndian);
      this.view.setUint32(this.pos + 4, this.littleEndian ? high >>> 0 : low, this.littleEndian);
    } else {
      this.view.setBigUint64(this.pos, BigInt.asUintN(64, v), this.littleEndian);
    }
    this.pos += 8;
    return this;
  }

  /** An unsigned integer of 1, 2, 4 or 8 bytes. */
  uintN(size: number, v: number | bigint): this {
    switch (size) {
      case 1: return this.u8(Number(v));
      case 2: return this.u16(Number(v));
      case 4: return this.u32(Number(BigInt.asUintN(32, BigInt(v))));
      case 8: return this.u64(v);
      default: throw new RangeError(`unsupported integer size ${size}`);
    }
  }

  uleb128(v: number | bigint): this {
    let x = BigInt(v);
    if (x < 0n) throw new RangeError('uleb128 of a negative value');
    do {
      let byte = Number(x & 0x7fn);
      x >>= 7n;
      if (x !== 0n) byte |= 0x80;
      this.u8(byte);
    } while (x !== 0n);
    return this;
  }

  sleb128(v: number | bigint): this {
    let x = BigInt(v);
    for (;;) {
      const byte = Number(x & 0x7fn);
      x >>= 7n;
      const done = (x === 0n && (byte & 0x40) === 0) || (x === -1n && (byte & 0x40) !== 0);
      this.u8(done ? byte : byte | 0x80);
      if (done) return this;
    }
  }

  /** A string as UTF-8 followed by NUL. */
  cstring(s: string): this {
    return this.bytes(new TextEncoder().encode(s)).u8(0);
  }

  /** The bytes written so far (a copy trimmed to the high-water mark). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.end);
  }

  /**
   * The bytes written, as a view of the writer's buffer rather than a copy: for a writer that
   * is done, made with the capacity it needed (a debug image is megabytes).
   */
  take(): Uint8Array {
    return this.buf.subarray(0, this.end);
  }
}
