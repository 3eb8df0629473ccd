/**
 * The executor protocol (docs/executor.md): length-prefixed binary messages between a
 * controller, which links, and an executor, the process the code lives and runs in.
 *
 *   frame  = header payload
 *   header = length:u32  id:u32  op:u16  status:u16      (little-endian, 12 bytes)
 *
 * `length` counts the payload only and is at most MAX_PAYLOAD; `id` pairs a reply with its
 * request; `status` is REQUEST, OK or FAILED. Payload fields are little-endian integers,
 * float64s, and byte strings (u32 length, then the bytes as they are: sections and images
 * cross without per-byte overhead). Every request gets exactly one reply.
 */
import { ByteReader } from '../binary/reader.js';
import { ByteWriter } from '../binary/writer.js';
import { FormatError } from '../binary/errors.js';

/** Bumped on any change to a message's fields; the handshake refuses a different version. */
export const PROTOCOL_VERSION = 1;
/** The first 8 bytes of the hello request: what says "this is a jitdbg controller". */
export const MAGIC = 'jitdbg-x';
export const HEADER_SIZE = 12;
/** 256 MiB: above the largest module image plus its sections; a longer frame is refused. */
export const MAX_PAYLOAD = 256 * 2 ** 20;
/** e_machine of the only architecture the linker writes. */
export const EM_X86_64 = 62;

export const REQUEST = 0;
export const OK = 1;
export const FAILED = 2;

export const Op = {
  hello: 1,
  lookup: 2,
  farReference: 3,
  allocate: 4,
  finalize: 5,
  dispose: 6,
  threadLocal: 7,
  registerFrames: 8,
  registerImage: 9,
  read: 10,
  call: 11,
  exit: 12,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];

const OP_NAMES = new Map<number, string>(Object.entries(Op).map(([k, v]) => [v, k]));
export function opName(op: number): string {
  return OP_NAMES.get(op) ?? `op ${op}`;
}

export interface Frame {
  id: number;
  op: number;
  status: number;
  payload: Uint8Array;
}

/** A frame's bytes: header then payload (a copy; Fields.frame makes one without). */
export function encodeFrame(id: number, op: number, status: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_SIZE + payload.length);
  out.set(payload, HEADER_SIZE);
  return withHeader(out, id, op, status);
}

/** Writes the header into the first HEADER_SIZE bytes of `frame`, whose rest is the payload. */
function withHeader(frame: Uint8Array, id: number, op: number, status: number): Uint8Array {
  const length = frame.length - HEADER_SIZE;
  if (length > MAX_PAYLOAD) throw new RangeError(`a ${opName(op)} message of ${length} bytes is over the ${MAX_PAYLOAD}-byte limit`);
  const v = new DataView(frame.buffer, frame.byteOffset, HEADER_SIZE);
  v.setUint32(0, length, true);
  v.setUint32(4, id, true);
  v.setUint16(8, op, true);
  v.setUint16(10, status, true);
  return frame;
}

/**
 * Cuts a byte stream into frames. Chunks are kept until a frame is whole, so a large payload
 * is copied once. A header announcing more than MAX_PAYLOAD, or a status that is not one of
 * the three, sets `error`: the stream cannot be trusted past it (the frames before it are
 * whole, and returned).
 */
export class FrameReader {
  /** What was wrong with the stream, once something was; nothing more is read. */
  error: FormatError | undefined;
  private chunks: Uint8Array[] = [];
  private buffered = 0;

  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    if (this.error) return frames;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.buffered < HEADER_SIZE) return frames;
      const header = this.peek(HEADER_SIZE);
      const v = new DataView(header.buffer, header.byteOffset, HEADER_SIZE);
      const length = v.getUint32(0, true);
      const status = v.getUint16(10, true);
      if (length > MAX_PAYLOAD) this.error = new FormatError(`a message announces ${length} bytes, over the ${MAX_PAYLOAD}-byte limit`);
      else if (status > FAILED) this.error = new FormatError(`a message has status ${status} (0 request, 1 ok, 2 failed)`);
      if (this.error) {
        this.chunks = [];
        return frames;
      }
      if (this.buffered < HEADER_SIZE + length) return frames;
      const whole = this.peek(HEADER_SIZE + length);
      this.consume(HEADER_SIZE + length);
      frames.push({ id: v.getUint32(4, true), op: v.getUint16(8, true), status, payload: whole.subarray(HEADER_SIZE) });
    }
  }

  /** The first `n` buffered bytes, joined into one chunk. */
  private peek(n: number): Uint8Array {
    if (this.chunks[0]!.length < n) {
      const joined = new Uint8Array(this.buffered);
      let at = 0;
      for (const c of this.chunks) {
        joined.set(c, at);
        at += c.length;
      }
      this.chunks = [joined];
    }
    return this.chunks[0]!.subarray(0, n);
  }

  private consume(n: number): void {
    const rest = this.chunks[0]!.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered -= n;
  }
}

/**
 * Payload fields, written after room for the frame's header, so that a frame of megabytes (an
 * image) is encoded in one buffer, once, and handed on without another copy.
 */
export class Fields {
  private readonly w: ByteWriter;
  /** `capacity`: the payload's size when known (a frame of megabytes is then never regrown). */
  constructor(capacity = 64) {
    this.w = new ByteWriter(true, HEADER_SIZE + capacity).zeros(HEADER_SIZE);
  }
  u8(v: number): this { this.w.u8(v); return this; }
  u32(v: number): this { this.w.u32(v); return this; }
  u64(v: number | bigint): this { this.w.u64(v); return this; }
  f64(v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.w.bytes(b);
    return this;
  }
  bytes(b: Uint8Array): this { this.w.u32(b.length).bytes(b); return this; }
  string(s: string): this { return this.bytes(new TextEncoder().encode(s)); }
  strings(list: readonly string[]): this {
    this.u32(list.length);
    for (const s of list) this.string(s);
    return this;
  }
  /** The payload. */
  done(): Uint8Array { return this.w.take().subarray(HEADER_SIZE); }
  /** The whole frame: the header written in the room kept for it, then the payload. */
  frame(id: number, op: number, status: number): Uint8Array {
    return withHeader(this.w.take(), id, op, status);
  }
}

/** Payload fields, read; a field past the end throws FormatError naming the message. */
export class FieldReader {
  private readonly r: ByteReader;
  constructor(payload: Uint8Array, what: string) {
    this.r = new ByteReader(payload, true, { file: what });
  }
  u8(): number { return this.r.u8(); }
  u32(): number { return this.r.u32(); }
  u64(): number { return this.r.u64n('address'); }
  /** A 64-bit field as a signed bigint. */
  i64(): bigint { return this.r.i64(); }
  f64(): number {
    const b = this.r.take(8, 'float64');
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  }
  bytes(): Uint8Array { return this.r.take(this.r.u32(), 'bytes'); }
  string(): string { return new TextDecoder().decode(this.bytes()); }
  strings(): string[] {
    const n = this.u32();
    if (n > this.r.remaining / 4) throw new FormatError(`a list of ${n} strings is longer than its message`);
    return Array.from({ length: n }, () => this.string());
  }
  /** No field may follow the last one read. */
  end(): void {
    if (!this.r.atEnd) throw new FormatError(`${this.r.remaining} bytes follow the last field`);
  }
}

/**
 * Call arguments and results: a tag, then the value. Pointers cross as addresses (the
 * executor makes them pointers where the type is one); string lists are `const char **`
 * arrays, null where the list holds NULL.
 */
const enum Tag { Null = 0, Number = 1, BigInt = 2, String = 3, Strings = 4, Boolean = 5 }

export function writeValue(f: Fields, v: unknown): void {
  if (v === null || v === undefined) f.u8(Tag.Null);
  else if (typeof v === 'number') f.u8(Tag.Number).f64(v);
  else if (typeof v === 'bigint') f.u8(Tag.BigInt).u64(v);
  else if (typeof v === 'string') f.u8(Tag.String).string(v);
  else if (typeof v === 'boolean') f.u8(Tag.Boolean).u8(v ? 1 : 0);
  else if (Array.isArray(v) && v.every((s) => s === null || typeof s === 'string')) {
    f.u8(Tag.Strings).u32(v.length);
    for (const s of v as (string | null)[]) {
      f.u8(s === null ? 0 : 1);
      if (s !== null) f.string(s);
    }
  } else throw new TypeError(`a value of type ${typeof v} cannot be sent to an executor (numbers, bigints, strings, string arrays, booleans, null)`);
}

export function readValue(r: FieldReader): unknown {
  const tag = r.u8();
  switch (tag) {
    case Tag.Null: return null;
    case Tag.Number: return r.f64();
    case Tag.BigInt: return r.i64();
    case Tag.String: return r.string();
    case Tag.Boolean: return r.u8() !== 0;
    case Tag.Strings: {
      const n = r.u32();
      const out: (string | null)[] = [];
      for (let i = 0; i < n; i++) out.push(r.u8() ? r.string() : null);
      return out;
    }
    default: throw new FormatError(`unknown value tag ${tag}`);
  }
}
