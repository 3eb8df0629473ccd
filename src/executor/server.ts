/**
 * The executor's side of the protocol: requests answered with this process as the target
 * (an InProcessTarget: its memory, libraries, dynamic loader, unwinder, and its own GDB JIT
 * descriptor). What a request creates — an allocation, a TLS block, registered frames, a
 * registered image — is held under a handle until the controller disposes it, or until the
 * controller goes away, when everything still held is freed, last first.
 */
import { timingSafeEqual } from 'node:crypto';
import { FormatError } from '../binary/errors.js';
import { SEGMENT_KINDS, type Allocation, type Placement, type SegmentRequest } from '../memory/types.js';
import { addressOf, isReadable, nativeFunction, PAGE_SIZE } from '../native/libc.js';
import { NativeMemoryManager } from '../native/memory.js';
import { InProcessTarget } from '../native/target.js';
import type { Disposable } from '../target/types.js';
import {
  EM_X86_64, FAILED, FieldReader, Fields, MAGIC, OK, Op, opName, PROTOCOL_VERSION, readValue, writeValue, type Frame,
} from './protocol.js';

export interface ServerOptions {
  /** Who the client is, in the log (its address). */
  peer: string;
  /** The token a client must present (a listening executor); undefined: none (a spawned one). */
  token?: string;
  /** Writes a frame to the controller. */
  send(frame: Uint8Array): void;
  /** Drops the connection (after a refusal). */
  close(): void;
  /** Says something on the executor's stderr. */
  log(line: string): void;
  /** Ends the process with `status` once the reply is out. */
  exit(status: number): void;
  /** The client's hello was accepted. */
  greeted?(): void;
}

interface Held {
  what: string;
  allocation?: Allocation;
  release(): void;
}

export class ExecutorServer {
  private readonly memory = new NativeMemoryManager();
  private target = new InProcessTarget({ memory: this.memory });
  private readonly held = new Map<number, Held>();
  private nextHandle = 1;
  /** Each function called, by address and signature: koffi's prototype is made once. */
  private readonly functions = new Map<string, (...args: unknown[]) => unknown>();
  /** Whether the client's hello was accepted. */
  greeted = false;
  private refused = false;

  constructor(private readonly options: ServerOptions) {}

  /** Answers one request. Nothing runs before a hello with the right version and token. */
  receive(frame: Frame): void {
    if (this.refused) return;
    const reply = (status: number, fields: Fields) => this.options.send(fields.frame(frame.id, frame.op, status));
    const fail = (e: unknown) => reply(FAILED, failure(e));
    if (!this.greeted && frame.op !== Op.hello) return this.refuse(`its first message was ${opName(frame.op)}, not hello`, fail);
    try {
      const r = new FieldReader(frame.payload, `${opName(frame.op)} request`);
      if (frame.op === Op.hello) {
        const refusal = this.hello(r);
        if (refusal) return this.refuse(refusal, fail);
        reply(OK, new Fields().u32(PROTOCOL_VERSION).u32(EM_X86_64).u32(PAGE_SIZE).u32(process.pid));
        // Loaded while the controller parses, not on its first registration.
        this.target.registrar();
        return;
      }
      const out = this.handle(frame.op, r);
      reply(OK, out);
      if (frame.op === Op.exit) this.options.exit(new FieldReader(frame.payload, 'exit').u32());
    } catch (e) {
      fail(e instanceof FormatError ? new FormatError(`malformed ${opName(frame.op)} request: ${e.message}`) : e);
    }
  }

  /** The controller went away: frees what it left, last first (images go before the code they describe). */
  shutdown(): void {
    for (const h of [...this.held.values()].reverse()) {
      try {
        h.release();
      } catch (e) {
        this.options.log(`freeing ${h.what}: ${(e as Error).message}`);
      }
    }
    this.held.clear();
  }

  /** What is wrong with a hello, or undefined when it is right. */
  private hello(r: FieldReader): string | undefined {
    const magic = new TextDecoder().decode(r.bytes());
    if (magic !== MAGIC) return 'it is not a jitdbg controller';
    const version = r.u32();
    if (version !== PROTOCOL_VERSION) return `it speaks protocol version ${version}, this executor ${PROTOCOL_VERSION}`;
    const token = r.string();
    if (this.options.token !== undefined && !sameToken(token, this.options.token)) return 'it presented a wrong token';
    const libraries = r.strings();
    r.end();
    this.greeted = true;
    this.options.greeted?.();
    // A library that does not load fails the hello (not a refusal: the client is who it says).
    if (libraries.length) this.target = new InProcessTarget({ memory: this.memory, libraries });
    return undefined;
  }

  private refuse(why: string, fail: (e: unknown) => void): void {
    this.options.log(`refused ${this.options.peer}: ${why}`);
    fail(new Error(`refused: ${why}`));
    this.refused = true;
    this.options.close();
  }

  private handle(op: number, r: FieldReader): Fields {
    const out = new Fields();
    switch (op) {
      case Op.lookup: {
        const names = r.strings();
        r.end();
        out.u32(names.length);
        for (const n of names) out.u64(this.target.lookup(n) ?? 0);
        break;
      }
      case Op.farReference: {
        const address = r.u64();
        r.end();
        const far = this.target.farReference(address);
        if (far === undefined) out.u8(0);
        else if (far === 'code') out.u8(1);
        else out.u8(2).bytes(far);
        break;
      }
      case Op.allocate: {
        const n = r.u32();
        const requests: SegmentRequest[] = [];
        for (let i = 0; i < n; i++) {
          const kind = SEGMENT_KINDS[r.u8()];
          if (!kind) throw new FormatError('unknown segment kind');
          requests.push({ kind, size: r.u64(), align: r.u32() });
        }
        let placement: Placement | undefined;
        if (r.u8()) {
          placement = { min: r.u64(), max: r.u64() };
          if (r.u8()) placement.near = r.u64();
        }
        r.end();
        const a = this.memory.allocate(requests, placement);
        out.u32(this.hold({ what: `the allocation at 0x${a.start.toString(16)}`, allocation: a, release: () => a.release() }));
        out.u64(a.start).u64(a.end).u32(a.segments.length);
        for (const s of a.segments) out.u64(s.address);
        break;
      }
      case Op.finalize: {
        const a = this.taken(r.u32()).allocation;
        if (!a) throw new FormatError('the handle is not an allocation');
        const n = r.u32();
        if (n !== a.segments.length) throw new FormatError(`${n} segments sent for an allocation of ${a.segments.length}`);
        const contents = a.segments.map((s) => {
          const bytes = r.bytes();
          if (bytes.length !== 0 && bytes.length !== s.size) throw new FormatError(`${bytes.length} bytes sent for a segment of ${s.size}`);
          return bytes;
        });
        r.end();
        a.segments.forEach((s, i) => { if (contents[i]!.length) s.bytes.set(contents[i]!); });
        a.finalize();
        break;
      }
      case Op.dispose: {
        const handle = r.u32();
        r.end();
        const h = this.taken(handle);
        this.held.delete(handle);
        h.release();
        break;
      }
      case Op.threadLocal: {
        const init = r.bytes().slice();
        const size = r.u64();
        const align = r.u64();
        const isStatic = r.u8() !== 0;
        r.end();
        const block = this.target.threadLocal({ init, size, align, static: isStatic });
        out.u32(this.hold({ what: `TLS module ${block.moduleId}`, release: () => block.release() })).u64(block.moduleId).f64(block.offset);
        break;
      }
      case Op.registerFrames: {
        const address = r.u64();
        r.end();
        const frames = this.target.registerFrames(address);
        out.u32(this.hold({ what: `the frames at 0x${address.toString(16)}`, release: () => frames.dispose() }));
        break;
      }
      case Op.registerImage: {
        const image = r.bytes();
        r.end();
        const registrar = this.target.registrar();
        if (!registrar) throw new Error('this executor cannot register debug images with GDB');
        const registration: Disposable = registrar.register(image);
        out.u32(this.hold({ what: 'a debug image', release: () => registration.dispose() }));
        break;
      }
      case Op.read: {
        const address = r.u64();
        const size = r.u32();
        r.end();
        if (!isReadable(address, size)) throw new Error(`0x${size.toString(16)} bytes at 0x${address.toString(16)} are not all readable in the executor`);
        out.bytes(this.target.read(address, size));
        break;
      }
      case Op.call: {
        const address = r.u64();
        const result = r.string();
        const types = r.strings();
        const args = types.map(() => readValue(r));
        r.end();
        const key = `${address} ${result}(${types.join(',')})`;
        let f = this.functions.get(key);
        if (!f) this.functions.set(key, (f = nativeFunction(address, result, types)));
        const value = f(...args);
        // A pointer result crosses as its address.
        writeValue(out, value !== null && typeof value === 'object' && !Array.isArray(value) ? addressOf(value) : value);
        break;
      }
      case Op.exit:
        this.shutdown();
        break;
      default:
        throw new FormatError(`unknown request ${op}`);
    }
    return out;
  }

  private hold(h: Held): number {
    const handle = this.nextHandle++;
    this.held.set(handle, h);
    return handle;
  }

  private taken(handle: number): Held {
    const h = this.held.get(handle);
    if (!h) throw new FormatError(`handle ${handle} is not held`);
    return h;
  }
}

/** Compares in time independent of where the two differ. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A failed reply: the error's class and message. */
export function failure(e: unknown): Fields {
  return new Fields().string((e as Error).name ?? 'Error').string((e as Error).message ?? String(e));
}
