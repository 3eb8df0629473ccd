/**
 * Requests to an executor from the main thread: synchronous ones (what the linker asks while
 * it links) block on a shared flag until the connection's worker thread (channel-worker.ts)
 * has the reply; asynchronous ones (calls into the code) resolve when it comes.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { JitdbgError } from '../binary/errors.js';
import { PlacementError } from '../memory/types.js';
import { ExecutorError, type ProcessExit } from '../target/errors.js';
import type { Connection, Incoming, Outgoing, WorkerSetup } from './channel-worker.js';
import type { Disposable } from '../target/types.js';
import { FAILED, FieldReader, Fields, Op, opName, REQUEST } from './protocol.js';

export class Channel {
  /** Why the connection is over, once it is. */
  lost: string | undefined;
  /** How the executor's process ended, once it has (a spawned one). */
  exit: ProcessExit | undefined;
  private readonly worker: Worker;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly syncPort: MessagePort;
  private readonly asyncPort: MessagePort;
  private readonly waiting = new Map<number, { resolve(r: FieldReader): void; reject(e: Error): void; op: number; what: string }>();
  private readonly ended: Promise<void>;
  private nextId = 1;
  private readonly early = new Map<number, Incoming>();
  private handshake: { id: number; check(r: FieldReader): void; state?: 'ok' | Error } | undefined;

  constructor(connection: Connection) {
    const sync = new MessageChannel();
    const async = new MessageChannel();
    this.syncPort = sync.port1;
    this.asyncPort = async.port1;
    const setup: WorkerSetup = { connection, flag: this.flag.buffer as SharedArrayBuffer, syncPort: sync.port2, asyncPort: async.port2 };
    // channel-worker.js lies beside this file in dist/src/executor; a bundled CLI chunk lies in
    // dist/src/cli, one level down from dist/src as well. The worker gets none of this
    // process's node options (--input-type, --eval...), which would stop it.
    this.worker = new Worker(new URL('../executor/channel-worker.js', import.meta.url), { workerData: setup, transferList: [sync.port2, async.port2], execArgv: [] });
    this.worker.unref();
    let end!: () => void;
    this.ended = new Promise((resolve) => { end = resolve; });
    this.asyncPort.on('message', (m: Incoming) => {
      if (m.id === -1 && 'lost' in m) {
        this.lost = m.lost;
        this.exit = m.exit;
        end();
      } else this.settle(m);
    });
    this.worker.on('error', (e) => {
      this.lost = `the connection to the executor failed (${e.message})`;
      for (const id of [...this.waiting.keys()]) this.settle({ id, lost: this.lost });
      end();
    });
    this.asyncPort.unref();
  }

  /**
   * Sends the hello now and returns: its reply is awaited, and checked by `check`, before the
   * first other request goes out, so an executor starts while this process does other work.
   */
  greet(fields: Fields, check: (r: FieldReader) => void): void {
    this.handshake = { id: this.post(Op.hello, fields, true, 'the handshake'), check };
  }

  /** Waits for the hello's reply, once; throws what was wrong with it (every time). */
  ready(): void {
    const h = this.handshake;
    if (!h || h.state === 'ok') return;
    if (h.state === undefined) {
      try {
        h.check(this.wait(h.id, Op.hello, 'the handshake'));
        h.state = 'ok';
      } catch (e) {
        h.state = e as Error;
      }
    }
    if (h.state instanceof Error) throw h.state;
  }

  /** Sends a request and waits, blocking this thread, for its reply. */
  request(op: number, fields: Fields, what: string): FieldReader {
    this.ready();
    return this.wait(this.post(op, fields, true, what), op, what);
  }

  /** Blocks this thread until the reply to synchronous request `id` is there; replies to others are kept. */
  private wait(id: number, op: number, what: string): FieldReader {
    for (;;) {
      const early = this.early.get(id);
      if (early) {
        this.early.delete(id);
        return reply(early, op, what);
      }
      const seen = Atomics.load(this.flag, 0);
      const got = receiveMessageOnPort(this.syncPort);
      if (got) {
        const m = got.message as Incoming;
        if ('lost' in m) this.noteEnd(m);
        this.early.set(m.id, m);
        continue;
      }
      Atomics.wait(this.flag, 0, seen);
    }
  }

  /** Sends a request; the promise settles with its reply. */
  call(op: number, fields: Fields, what: string): Promise<FieldReader> {
    return new Promise((resolve, reject) => {
      this.ready();
      const id = this.post(op, fields, false, what);
      this.waiting.set(id, { resolve, reject, op, what });
      this.asyncPort.ref();
    });
  }

  /** Closes the connection; resolves once the executor is gone (or the connection is). */
  async close(): Promise<void> {
    if (this.lost === undefined) {
      this.worker.postMessage({ close: true } satisfies Outgoing);
      this.asyncPort.ref();
      await this.ended;
    }
    this.asyncPort.close();
    await this.worker.terminate();
  }

  /** What the executor holds under `handle`, disposed there once; nothing to do once it is gone. */
  held(handle: number, what: string): Disposable {
    let held = true;
    return {
      dispose: () => {
        if (!held) return;
        held = false;
        if (this.lost === undefined) this.request(Op.dispose, new Fields().u32(handle), `the disposal of ${what}`);
      },
    };
  }

  /** Encodes the request's frame and moves (not copies) its buffer to the worker. */
  private post(op: number, fields: Fields, sync: boolean, what: string): number {
    if (this.lost !== undefined) throw new ExecutorError(`${this.lost}: ${what} cannot be done`, this.exit);
    const id = this.nextId++;
    const frame = fields.frame(id, op, REQUEST);
    this.worker.postMessage({ id, frame, sync, what } satisfies Outgoing, [frame.buffer as ArrayBuffer]);
    return id;
  }

  /** Takes note of the connection's end from a request's failure, which may come before the word that it ended. */
  private noteEnd(m: { lost: string; exit?: ProcessExit }): void {
    this.lost ??= m.lost;
    this.exit ??= m.exit;
  }

  private settle(m: Incoming): void {
    if ('lost' in m) this.noteEnd(m);
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    if (this.waiting.size === 0) this.asyncPort.unref();
    try {
      w.resolve(reply(m, w.op, w.what));
    } catch (e) {
      w.reject(e as Error);
    }
  }
}

/** A reply's fields; a failure or a lost connection thrown as the error it is. */
function reply(m: Incoming, op: number, what: string): FieldReader {
  if ('lost' in m) throw new ExecutorError(`${m.lost} during ${what}`, m.exit);
  if (!('status' in m)) throw new ExecutorError(`an unexpected message during ${what}`);
  if (m.status === FAILED) {
    const r = new FieldReader(m.payload, `${opName(op)} failure`);
    const name = r.string();
    const message = r.string();
    // The linker retries or explains a placement that cannot be met.
    if (name === 'PlacementError') throw new PlacementError(message);
    // What the executor's own target refused (a library that does not load, a TLS block with
    // no home) is said as this process's target would say it.
    if (name === 'NativeError' || name === 'JitdbgError') throw new JitdbgError(message);
    throw new ExecutorError(`${what}: ${message}`);
  }
  return new FieldReader(m.payload, `${opName(op)} reply`);
}
