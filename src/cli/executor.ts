/**
 * `jitdbg executor [--listen [HOST:]PORT --token-file F] [--fds IN,OUT]`: the process linked code
 * lives and runs in, for a controller elsewhere (`jitdbg run --executor`, ExecutorTarget). It
 * serves one controller and exits when that controller goes away (docs/executor.md).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, fstatSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { createServer, Socket } from 'node:net';
import { ExecutorServer, failure } from '../executor/server.js';
import { dup, dup2, setParentDeathSignal } from '../native/libc.js';
import { FAILED, FrameReader } from '../executor/protocol.js';
import { parseAddress } from '../executor/target.js';
import type { Command } from './commands.js';
import { UsageError } from './errors.js';
import { stdout } from './output.js';

const HELP = `usage: jitdbg executor [options]

Runs code linked by another process (the controller): it reserves memory, resolves symbols in
this process, registers exception frames and debug images (with GDB's JIT interface, here),
runs initializers and calls functions. It serves one controller and exits when it goes away.
Protocol: docs/executor.md.

options:
  --listen [HOST:]PORT
                      accept one controller on a TCP socket (HOST default 127.0.0.1; port 0:
                      any free one); needs --token-file. A controller must present the token
                      written there; others are refused and logged.
  --token-file F      where the token (and, on a second line, HOST:PORT) is written, mode 0600
  --fds IN,OUT        talk over these file descriptors (a spawning controller's: 3,3);
                      default: stdin and stdout (the program's stdout then goes to stderr)
  -h, --help          this text
`;

interface ExecutorOptions {
  listen?: string;
  tokenFile?: string;
  fds?: [number, number];
  help: boolean;
}

export function parseExecutorArgs(argv: string[]): ExecutorOptions {
  const o: ExecutorOptions = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`executor: ${a} needs a value (try 'jitdbg executor --help')`);
      return v;
    };
    if (a === '--listen') o.listen = value();
    else if (a === '--token-file') o.tokenFile = value();
    else if (a === '--fds') {
      const v = value();
      const m = /^(\d+),(\d+)$/.exec(v);
      if (!m) throw new UsageError(`executor: --fds takes IN,OUT (two descriptor numbers), not '${v}'`);
      o.fds = [Number(m[1]), Number(m[2])];
    } else if (a === '-h' || a === '--help') o.help = true;
    else throw new UsageError(`executor: unexpected argument '${a}' (try 'jitdbg executor --help')`);
  }
  if (o.help) return o;
  if (o.listen !== undefined && o.fds) throw new UsageError('executor: --listen and --fds exclude each other');
  if (o.listen !== undefined && o.tokenFile === undefined) throw new UsageError('executor: --listen needs --token-file (where the token a controller must present is written)');
  if (o.listen === undefined && o.tokenFile !== undefined) throw new UsageError('executor: --token-file goes with --listen');
  if (o.listen !== undefined) parseListen(o.listen);
  return o;
}

/** HOST:PORT, or PORT alone for 127.0.0.1; port 0 is any free port (parseAddress, a controller's, refuses it). */
function parseListen(address: string): { host: string; port: number } {
  const m = /^(?:(.*):)?(\d+)$/.exec(address);
  const port = Number(m?.[2]);
  if (!m || port > 65535) throw new UsageError(`executor: --listen takes [HOST:]PORT, not '${address}'`);
  try {
    return { host: m[1] === undefined ? '127.0.0.1' : parseAddress(`${m[1]}:1`).host, port };
  } catch {
    throw new UsageError(`executor: --listen takes [HOST:]PORT, not '${address}'`);
  }
}

const log = (line: string) => process.stderr.write(`jitdbg executor: ${line}\n`);

export const executor: Command = {
  summary: 'run code linked by another jitdbg process (jitdbg run --executor)',
  async run(argv) {
    const o = parseExecutorArgs(argv);
    if (o.help) {
      stdout().write(HELP);
      return 0;
    }
    if (o.listen !== undefined) await listen(parseListen(o.listen), o.tokenFile!);
    else serveFds(o.fds);
    // The process lives as long as its connection: its end calls process.exit.
    return new Promise<number>(() => {});
  },
};

/** One controller over a pair of descriptors; it goes, the executor goes. */
function serveFds(fds: [number, number] | undefined): void {
  let [input, output] = fds ?? [0, 1];
  if (fds) dieWithParent();
  else [input, output] = moveOffStdio();
  // A socket (a spawning controller's socket pair) is one duplex stream; a pipe, file or
  // terminal is read and written as a file.
  const socket = fstatSync(input).isSocket() ? new Socket({ fd: input, readable: true, writable: input === output }) : undefined;
  const reading = socket ?? createReadStream('', { fd: input });
  const writing = input === output && socket ? socket : fstatSync(output).isSocket() ? new Socket({ fd: output, readable: false, writable: true }) : createWriteStream('', { fd: output });
  serve(reading, writing, { peer: 'the controller' }, () => exitWhenDrained(writing, 0));
}

/**
 * Accepts connections until one presents the token; refuses (and logs) the others. The token
 * file is written (mode 0600, by rename) only once the socket listens.
 */
function listen(at: { host: string; port: number }, tokenFile: string): Promise<void> {
  const token = randomBytes(32).toString('hex');
  let served = false;
  const server = createServer((socket) => {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    if (served) {
      log(`refused ${peer}: a controller is already connected`);
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const session = serve(socket, socket, { token, peer, greeted: () => { served = true; server.close(); } }, () => {
      if (session.greeted) exitWhenDrained(socket, 0);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new UsageError(`executor: cannot listen on ${at.host}:${at.port}: ${e.message}`)));
    server.listen(at.port, at.host, () => {
      const a = server.address();
      const address = a && typeof a === 'object' ? `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}` : `${at.host}:${at.port}`;
      const temporary = `${tokenFile}.${process.pid}.tmp`;
      writeFileSync(temporary, `${token}\n${address}\n`, { mode: 0o600 });
      renameSync(temporary, tokenFile);
      log(`listening on ${address} (pid ${process.pid}); token in ${tokenFile}`);
      resolve();
    });
  });
}

/**
 * Answers the frames arriving on `input` on `output`. A malformed or oversized frame is refused
 * with a failure reply and ends the connection; so does the controller going away, after which
 * what it left is freed and `gone` runs.
 */
function serve(input: Readable, output: Writable, who: { peer: string; token?: string; greeted?: () => void }, gone: () => void): ExecutorServer {
  const { peer } = who;
  const server = new ExecutorServer({
    ...who,
    send: (frame) => { output.write(frame); },
    close: () => { output.end(() => input.destroy()); },
    log,
    exit: (status) => exitWhenDrained(output, status),
  });
  const reader = new FrameReader();
  input.on('data', (chunk: Buffer) => {
    for (const f of reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))) server.receive(f);
    const e = reader.error;
    if (e && !input.destroyed) {
      log(`refused a message from ${peer}: ${e.message}`);
      output.end(failure(e).frame(0, 0, FAILED));
      input.destroy();
    }
  });
  input.on('error', (e) => log(`${peer}: ${e.message}`));
  input.on('close', () => {
    server.shutdown();
    gone();
  });
  return server;
}

function exitWhenDrained(output: Writable, status: number): void {
  if (output.writableLength === 0) process.exit(status);
  output.end(() => process.exit(status));
  setTimeout(() => process.exit(status), 1000).unref();
}

/**
 * A spawned executor dies with the controller thread that spawned it, even while code it runs
 * never returns (the closed channel alone would not be noticed then).
 */
function dieWithParent(): void {
  const parent = process.ppid;
  setParentDeathSignal(constants.signals.SIGKILL);
  // The parent may have gone before the signal was asked for (process.ppid asks the kernel each time).
  if (process.ppid !== parent) process.exit(0);
}

/**
 * The channel moves to new descriptors; the program gets /dev/null as stdin and stderr as
 * stdout, so what it prints cannot corrupt the protocol.
 */
function moveOffStdio(): [number, number] {
  const input = dup(0);
  const output = dup(1);
  dup2(openSync('/dev/null', 'r'), 0);
  dup2(2, 1);
  return [input, output];
}
