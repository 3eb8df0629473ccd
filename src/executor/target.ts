/**
 * Another process as a Target: an executor (`jitdbg executor`) spawned here or listening on a
 * socket. The linker works here, on copies of the segments at the executor's addresses;
 * `finalize` ships the bytes. Symbols, far references, TLS blocks, unwind tables, debug
 * images and calls are the executor's, each a request (docs/executor.md).
 *
 *   const target = await ExecutorTarget.spawn();
 *   const session = new JITSession({ target });
 *   session.addObject(bytes, 'fact.o');
 *   await session.function('fact', 'int', ['int'])(5); // 120, computed in the executor
 *   session.dispose();
 *   await target.close();
 */
import { fileURLToPath } from 'node:url';
import { PAGE_SIZE } from '../native/libc.js';
import { SEGMENT_KINDS, type Allocation, type MemoryManager, type Placement, type Segment, type SegmentRequest } from '../memory/types.js';
import { ExecutorError } from '../target/errors.js';
import type { Disposable, FarReference, NativeCall, Registrar, Target, TlsBlock, TlsImage } from '../target/types.js';
import { Channel } from './channel.js';
import { EM_X86_64, Fields, MAGIC, Op, PROTOCOL_VERSION, readValue, writeValue } from './protocol.js';

export interface ExecutorOptions {
  /** Shared libraries the executor loads (RTLD_GLOBAL) and searches before its own symbols. */
  libraries?: readonly string[];
}

export interface SpawnOptions extends ExecutorOptions {
  /** The environment of the executor (and so of the code's `environ`); default: this process's. */
  env?: NodeJS.ProcessEnv;
}

/** `jitdbg`'s command line, whether this module runs from the bundle or from tsc's output. */
export const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

export class ExecutorTarget implements Target {
  readonly memory: ExecutorMemory;
  private readonly symbols = new Map<string, number | undefined>();
  private executorPid = 0;

  private constructor(private readonly channel: Channel, token: string, libraries: readonly string[]) {
    this.memory = new ExecutorMemory(channel);
    channel.greet(new Fields().bytes(new TextEncoder().encode(MAGIC)).u32(PROTOCOL_VERSION).string(token).strings(libraries), (r) => {
      const version = r.u32();
      const machine = r.u32();
      const pageSize = r.u32();
      this.executorPid = r.u32();
      if (version !== PROTOCOL_VERSION) throw new ExecutorError(`the executor speaks protocol version ${version}, this controller ${PROTOCOL_VERSION}`);
      if (machine !== EM_X86_64) throw new ExecutorError(`the executor runs on machine ${machine}, not x86-64 (${EM_X86_64})`);
      if (pageSize !== PAGE_SIZE) throw new ExecutorError(`the executor's page size is ${pageSize}, this linker's ${PAGE_SIZE}`);
    });
  }

  /**
   * Starts an executor as a child process: `node <jitdbg> executor --fds 3,3`, the channel on
   * its fd 3 and this process's stdin, stdout and stderr as its own (the program's output goes
   * where this process's would). It exits when this process goes away. The handshake completes
   * on the first request, so the executor starts while the caller reads and parses objects; a
   * failure to start is an ExecutorError then.
   */
  static async spawn(options: SpawnOptions = {}): Promise<ExecutorTarget> {
    const env = { ...(options.env ?? process.env) };
    // As the CLI's own start line does: OpenSSL start-up costs 0.1 s, and the executor makes no TLS connection.
    delete env.NODE_EXTRA_CA_CERTS;
    const channel = new Channel({ spawn: { command: process.execPath, args: [CLI, 'executor', '--fds', '3,3'], env } });
    return new ExecutorTarget(channel, '', options.libraries ?? []);
  }

  /**
   * Connects to an executor listening at `address` (HOST:PORT), presenting the token from its
   * token file; rejects when it refuses.
   */
  static async connect(address: string, token: string, options: ExecutorOptions = {}): Promise<ExecutorTarget> {
    const { host, port } = parseAddress(address);
    const target = new ExecutorTarget(new Channel({ connect: { host, port } }), token, options.libraries ?? []);
    try {
      target.channel.ready();
    } catch (e) {
      await target.close();
      throw e;
    }
    return target;
  }

  /** The executor's process id (in its own PID namespace, for one on another machine). */
  get pid(): number {
    this.channel.ready();
    return this.executorPid;
  }

  /** Why the executor is gone, once it is. */
  get lost(): string | undefined {
    return this.channel.lost;
  }

  read = (address: number, size: number): Uint8Array =>
    this.memory.mirrored(address, size)
    ?? this.channel.request(Op.read, new Fields().u64(address).u32(size), `a read of ${size} bytes at 0x${address.toString(16)}`).bytes();

  lookup(name: string): number | undefined {
    if (!this.symbols.has(name)) this.prefetch([name]);
    return this.symbols.get(name);
  }

  /** Looks up, in one request, the names not looked up before; the answers are kept (the executor's libraries do not move). */
  prefetch(names: readonly string[]): void {
    const wanted = names.filter((n) => !this.symbols.has(n));
    if (wanted.length === 0) return;
    const what = wanted.length === 1 ? `the lookup of ${wanted[0]}` : `the lookup of ${wanted.length} symbols (${wanted.slice(0, 3).join(', ')}${wanted.length > 3 ? ', ...' : ''})`;
    const r = this.channel.request(Op.lookup, new Fields().strings(wanted), what);
    const n = r.u32();
    if (n !== wanted.length) throw new ExecutorError(`the executor answered ${n} of ${wanted.length} lookups`);
    for (const name of wanted) this.symbols.set(name, r.u64() || undefined);
  }

  farReference(address: number): FarReference {
    const r = this.channel.request(Op.farReference, new Fields().u64(address), `what 0x${address.toString(16)} holds`);
    const kind = r.u8();
    return kind === 1 ? 'code' : kind === 2 ? r.bytes().slice() : undefined;
  }

  threadLocal(image: TlsImage): TlsBlock {
    const r = this.channel.request(
      Op.threadLocal,
      new Fields().bytes(image.init).u64(image.size).u64(image.align).u8(image.static ? 1 : 0),
      `a thread-local block of ${image.size} bytes`,
    );
    const handle = r.u32();
    const moduleId = r.u64();
    const offset = r.f64();
    const held = this.channel.held(handle, `the thread-local block of module ${moduleId}`);
    return { moduleId, offset, release: () => held.dispose() };
  }

  registerFrames(address: number): Disposable {
    const r = this.channel.request(Op.registerFrames, new Fields().u64(address), `the registration of the frames at 0x${address.toString(16)}`);
    return this.channel.held(r.u32(), `the frames at 0x${address.toString(16)}`);
  }

  /** A function calling the code at `address` in the executor; each call returns a promise of its result. */
  function(address: number, result: string, args: readonly string[], name?: string): NativeCall {
    const what = `the call of ${name ?? `0x${address.toString(16)}`}`;
    return (...values: unknown[]) => {
      this.memory.runs++;
      const f = callFields(address, result, args, values);
      return this.channel.call(Op.call, f, what).then((r) => readValue(r));
    };
  }

  run(address: number, args: readonly number[] = []): void {
    this.memory.runs++;
    this.channel.request(Op.call, callFields(address, 'void', args.map(() => 'uintptr_t'), args), `the call of 0x${address.toString(16)}`);
  }

  registrar(): Registrar {
    return {
      read: this.read,
      register: (image) => {
        const r = this.channel.request(Op.registerImage, new Fields(4 + image.length).bytes(image), `the registration of a debug image (${image.length} bytes)`);
        return this.channel.held(r.u32(), 'a debug image');
      },
    };
  }

  /**
   * Ends the executor with `status` (what its process exits with, e.g. the program's main's
   * return value), after it has freed what is still held.
   */
  async exit(status: number): Promise<void> {
    if (this.channel.lost === undefined) {
      try {
        await this.channel.call(Op.exit, new Fields().u32(status), 'exit');
      } catch (e) {
        if (!(e instanceof ExecutorError)) throw e;
      }
    }
    await this.channel.close();
  }

  /** Closes the connection; the executor frees what is held and exits. */
  close(): Promise<void> {
    return this.channel.close();
  }

}

function callFields(address: number, result: string, types: readonly string[], values: readonly unknown[]): Fields {
  const f = new Fields().u64(address).string(result).strings(types);
  types.forEach((_, i) => writeValue(f, values[i]));
  return f;
}

/** HOST:PORT (an IPv6 host in brackets). */
export function parseAddress(address: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(address);
  const port = Number(m?.[3]);
  if (!m || !(port > 0 && port < 65536)) throw new ExecutorError(`'${address}' is not HOST:PORT`);
  return { host: m[1] ?? m[2]!, port };
}

/** The executor's memory, as seen from here: segments are copies at its addresses until finalize ships them. */
export class ExecutorMemory implements MemoryManager {
  readonly inProcess = false;
  private readonly live = new Set<ExecutorAllocation>();

  constructor(private readonly channel: Channel) {}

  allocate(requests: readonly SegmentRequest[], placement?: Placement): Allocation {
    const f = new Fields().u32(requests.length);
    for (const r of requests) f.u8(SEGMENT_KINDS.indexOf(r.kind)).u64(r.size).u32(r.align);
    f.u8(placement ? 1 : 0);
    if (placement) {
      f.u64(placement.min).u64(Math.min(placement.max, Number.MAX_SAFE_INTEGER)).u8(placement.near !== undefined ? 1 : 0);
      if (placement.near !== undefined) f.u64(placement.near);
    }
    const total = requests.reduce((n, r) => n + r.size, 0);
    const r = this.channel.request(Op.allocate, f, `the allocation of ${requests.length} segments (${total} bytes)`);
    const handle = r.u32();
    const start = r.u64();
    const end = r.u64();
    const n = r.u32();
    if (n !== requests.length) throw new ExecutorError(`the executor allocated ${n} of ${requests.length} segments`);
    const segments: Segment[] = requests.map((q) => ({ kind: q.kind, size: q.size, address: r.u64(), bytes: new Uint8Array(q.size) }));
    const a = new ExecutorAllocation(this, this.channel, handle, segments, start, end);
    this.live.add(a);
    return a;
  }

  /** @internal An allocation released: its bytes mirror nothing any more. */
  forget(a: ExecutorAllocation): void {
    this.live.delete(a);
  }

  /** How many times code has been run in the executor: writable data may differ from what was shipped since. */
  runs = 0;

  /** The bytes at [address, address + size) when one live segment holds them all as they are there: what was shipped. */
  mirrored(address: number, size: number): Uint8Array | undefined {
    for (const a of this.live) {
      if (address < a.start || address + size > a.end) continue;
      // Code and read-only data stay as shipped; writable data until code runs (the debug image
      // of a module is built before its initializers run).
      const writable = a.shippedAt === this.runs;
      for (const s of a.segments) {
        if ((writable || s.kind === 'code' || s.kind === 'rodata') && address >= s.address && address + size <= s.address + s.size) return s.bytes.subarray(address - s.address, address - s.address + size);
      }
    }
    return undefined;
  }
}

class ExecutorAllocation implements Allocation {
  private state: 'writing' | 'final' | 'released' = 'writing';
  /** `ExecutorMemory.runs` when the bytes were shipped (NaN before). */
  shippedAt = NaN;

  /** The executor's memory, freed there once. */
  private readonly held: Disposable;

  constructor(
    private readonly memory: ExecutorMemory,
    private readonly channel: Channel,
    private readonly handle: number,
    readonly segments: readonly Segment[],
    readonly start: number,
    readonly end: number,
  ) {
    this.held = channel.held(handle, `the allocation at 0x${start.toString(16)}`);
  }

  finalize(): void {
    if (this.state !== 'writing') throw new Error(`allocation at 0x${this.start.toString(16)} is ${this.state}`);
    const f = new Fields(8 + this.segments.reduce((n, s) => n + 4 + s.size, 0)).u32(this.handle).u32(this.segments.length);
    // A zero-fill segment the linker left all zeros is zeros there already.
    for (const s of this.segments) f.bytes(s.kind === 'zero' && s.bytes.every((b) => b === 0) ? new Uint8Array(0) : s.bytes);
    this.channel.request(Op.finalize, f, `the finalization of the allocation at 0x${this.start.toString(16)}`);
    this.state = 'final';
    this.shippedAt = this.memory.runs;
  }

  release(): void {
    if (this.state === 'released') return;
    this.state = 'released';
    this.memory.forget(this);
    this.held.dispose();
  }
}
