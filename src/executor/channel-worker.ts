/**
 * The controller's connection to an executor, on a worker thread of its own: it owns the
 * socket (and the executor process, when it spawned it), so the main thread can wait for a
 * reply without an event loop — the linker asks its target synchronously. Replies to
 * synchronous requests go to `syncPort` and wake the main thread through `flag`; the others go
 * to `asyncPort`. When the executor dies or the connection closes, every request in flight
 * fails with what happened and what the request was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { workerData, parentPort, type MessagePort } from 'node:worker_threads';
import type { ProcessExit } from '../target/errors.js';
import { FAILED, FieldReader, FrameReader } from './protocol.js';

export type Connection =
  | { spawn: { command: string; args: string[]; env: Record<string, string | undefined> } }
  | { connect: { host: string; port: number } };

export interface WorkerSetup {
  connection: Connection;
  flag: SharedArrayBuffer;
  syncPort: MessagePort;
  asyncPort: MessagePort;
}

/** main → worker */
export type Outgoing = { id: number; frame: Uint8Array; sync: boolean; what: string } | { close: true };
/** worker → main: a reply, or the connection's end (for a request, or with id -1 on asyncPort). */
export type Incoming = { id: number; status: number; payload: Uint8Array } | { id: number; lost: string; exit?: ProcessExit };

const setup = workerData as WorkerSetup;
const flag = new Int32Array(setup.flag);
const pending = new Map<number, { sync: boolean; what: string }>();
let lost: string | undefined;
let exit: ProcessExit | undefined;
let child: ChildProcess | undefined;
let socket: Socket;

function deliver(sync: boolean, message: Incoming): void {
  if (sync) {
    setup.syncPort.postMessage(message);
    Atomics.add(flag, 0, 1);
    Atomics.notify(flag, 0);
  } else {
    setup.asyncPort.postMessage(message);
  }
}

/** The connection is over: every request in flight, and every later one, fails with `why`. */
function lose(why: string, how?: ProcessExit): void {
  if (lost !== undefined) return;
  lost = why;
  exit = how;
  for (const [id, p] of pending) deliver(p.sync, { id, lost: why, exit });
  pending.clear();
  setup.asyncPort.postMessage({ id: -1, lost: why, exit } satisfies Incoming);
}

if ('spawn' in setup.connection) {
  const { command, args, env } = setup.connection.spawn;
  // fds 0-2 are the program's (the terminal's); fd 3 is the channel, a socket pair.
  child = spawn(command, args, { stdio: ['inherit', 'inherit', 'inherit', 'pipe'], env });
  const pid = child.pid;
  child.on('error', (e) => lose(`the executor could not be started (${e.message})`));
  child.on('exit', (code, signal) => lose(signal ? `the executor (pid ${pid}) was killed by ${signal}` : `the executor (pid ${pid}) exited with status ${code}`, { code, signal }));
  socket = child.stdio[3] as Socket;
  // An executor that closes the channel is ending: its exit says how.
  socket.on('close', () => setTimeout(() => lose(`the executor (pid ${pid}) closed the connection`), 2000).unref());
  socket.on('error', () => {});
} else {
  const { host, port } = setup.connection.connect;
  socket = connect({ host, port });
  socket.setNoDelay(true);
  socket.on('error', (e) => lose(`the connection to the executor at ${host}:${port} failed (${e.message})`));
  socket.on('close', () => lose(`the connection to the executor at ${host}:${port} closed`));
}

const reader = new FrameReader();
socket.on('data', (chunk: Buffer) => {
  const frames = reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
  if (reader.error) {
    lose(`the executor sent a malformed message (${reader.error.message})`);
    socket.destroy();
    child?.kill('SIGKILL');
    return;
  }
  for (const f of frames) {
    // Id 0 is no request's: the executor refusing what it received, before it hangs up.
    if (f.id === 0 && f.status === FAILED) {
      const r = new FieldReader(f.payload, 'refusal');
      r.string();
      lose(`the executor refused a message (${r.string()})`);
      continue;
    }
    const p = pending.get(f.id);
    if (!p) continue;
    pending.delete(f.id);
    deliver(p.sync, { id: f.id, status: f.status, payload: f.payload });
  }
});

parentPort!.on('message', (m: Outgoing) => {
  if ('close' in m) {
    socket.end();
    return;
  }
  if (lost !== undefined) return deliver(m.sync, { id: m.id, lost, exit });
  pending.set(m.id, { sync: m.sync, what: m.what });
  socket.write(m.frame);
});
