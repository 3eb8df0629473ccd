import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { MiError, MiParseError } from './errors.js';
import { text, toMiFrame, tuple, type MiFrame } from './frame.js';
import { parseRecord, type MiAsyncRecord, type MiRecord, type MiResultClass, type MiResultRecord, type MiStreamRecord, type MiTuple } from './parse.js';
import { killAll, sessionMembers } from './processes.js';
import { quoteCString } from './quote.js';

export interface MiSessionOptions {
  /** The gdb executable; default `gdb` from PATH. */
  gdb?: string;
  /** Arguments after `--interpreter=mi3 --nx -q`, e.g. `['./prog']` or `['--args', './prog', 'x']`. */
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long start, a command or waitForStop may take; default 30 000 ms. */
  timeoutMs?: number;
  /** How long close() lets GDB exit by itself before it kills GDB; default 2 000 ms. */
  closeGraceMs?: number;
}

export interface CommandOptions {
  timeoutMs?: number;
}

/** A command's answer other than `^error`. */
export interface CommandResult {
  class: Exclude<MiResultClass, 'error'>;
  results: MiTuple;
  /** Console stream text (`~`) GDB printed for this command: what the CLI prints, for `-interpreter-exec console`. */
  console: string;
  /** Log stream text (`&`) GDB printed for this command: warnings and error messages. */
  log: string;
}

/** A `*stopped` record. */
export interface StopEvent {
  /** e.g. breakpoint-hit, end-stepping-range, function-finished, signal-received, exited-normally. */
  reason: string | undefined;
  frame: MiFrame | undefined;
  /** The value a `finish` returned, as GDB prints it (reason function-finished). */
  returnValue: string | undefined;
  results: MiTuple;
  /** Console text printed while the target ran, e.g. "Breakpoint 1, fact (n=5) at fact.c:13". */
  console: string;
}

export interface MiSessionEvents {
  /** Every record GDB printed, in order. */
  record: [record: MiRecord];
  /** `*` exec, `+` status and `=` notify records. */
  async: [record: MiAsyncRecord];
  /** `~` console, `@` target and `&` log records. */
  stream: [record: MiStreamRecord];
  /** A line that is not MI: the inferior shares GDB's stdout unless told otherwise (`-inferior-tty-set`). */
  output: [line: string];
  /** GDB is gone and every pending command has been rejected. */
  exit: [code: number | null, signal: NodeJS.Signals | null];
}

interface Pending {
  command: string;
  token: string;
  timeoutMs: number;
  resolve(result: CommandResult): void;
  reject(error: MiError): void;
  console: string[];
  log: string[];
  timer?: NodeJS.Timeout;
}

interface StopWaiter {
  resolve(stop: StopEvent): void;
  reject(error: MiError): void;
  timer: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_GRACE_MS = 2_000;
/** After GDB exits, how long its stdout may stay open (held by something that escaped the kill). */
const PIPE_DRAIN_MS = 1_000;
const STDERR_KEPT = 2_000;

/** Pids of GDBs that have not ended: killed, with what they started, if this process exits first. */
const live = new Set<number>();
let exitHooked = false;

function track(pid: number): void {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', () => {
      for (const gdb of live) killAll([gdb, ...sessionMembers(gdb)]);
    });
  }
  live.add(pid);
}

/**
 * A GDB child process driven through GDB/MI (mi3). Commands are sent one at a time with a
 * token and answered by the result record carrying it; stream and async records are events.
 * GDB runs in a session of its own so that it and every program it started can be ended
 * together: close(), a timeout, GDB's death and the exit of this process all do that.
 */
export class MiSession extends EventEmitter<MiSessionEvents> {
  /** GDB's process id. */
  readonly pid: number;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly timeoutMs: number;
  private readonly graceMs: number;
  private readonly queue: Pending[] = [];
  private current: Pending | undefined;
  private nextToken = 1;
  /** Between `^running`/`*running` and `*stopped`: stream output then belongs to the run, not to a command. */
  private running = false;
  private runConsole: string[] = [];
  /** The last `*stopped`, until a waitForStop takes it or the target runs again. */
  private unclaimedStop: StopEvent | undefined;
  private readonly stopWaiters: StopWaiter[] = [];
  private rest: Buffer = Buffer.alloc(0);
  private lineNumber = 0;
  private stderrTail = '';
  private closing = false;
  /** Why GDB ended, once it has (a timeout's kill names the command). */
  private ended: string | undefined;
  private killReason: string | undefined;
  private readonly gone: Promise<void>;
  private markGone!: () => void;
  private readonly ready: Promise<void>;
  private markReady: (() => void) | undefined;

  /** Starts GDB and waits for its first prompt. */
  static async start(options: MiSessionOptions = {}): Promise<MiSession> {
    const session = new MiSession(options);
    await session.ready;
    return session;
  }

  private constructor(options: MiSessionOptions) {
    super();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.graceMs = options.closeGraceMs ?? DEFAULT_GRACE_MS;
    const gdb = options.gdb ?? 'gdb';
    const argv = ['--interpreter=mi3', '--nx', '-q', ...(options.args ?? [])];
    this.gone = new Promise((resolve) => (this.markGone = resolve));
    this.child = spawn(gdb, argv, { cwd: options.cwd, env: options.env, stdio: 'pipe', detached: true });
    this.pid = this.child.pid ?? -1;
    if (this.pid > 0) track(this.pid);
    this.ready = new Promise<void>((resolve, reject) => {
      const startup = `${gdb} ${argv.join(' ')}`;
      const timer = setTimeout(() => this.kill(`no prompt in ${this.timeoutMs} ms`), this.timeoutMs);
      this.markReady = () => {
        clearTimeout(timer);
        resolve();
      };
      void this.gone.then(() => {
        clearTimeout(timer);
        reject(new MiError(this.killReason ? 'timeout' : 'exited', startup, this.ended!));
      });
    });
    this.child.stdin.on('error', () => {}); // EPIPE once GDB is gone; its exit says what happened.
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_KEPT);
    });
    this.child.on('error', (err) => {
      if (this.child.pid === undefined) this.finish(`cannot start ${gdb}: ${err.message}`, null, null);
    });
    this.child.on('exit', () => {
      live.delete(this.pid);
      killAll(sessionMembers(this.pid)); // the programs GDB started, if it did not end them
      setTimeout(() => {
        this.child.stdout.destroy();
        this.child.stderr.destroy();
      }, PIPE_DRAIN_MS).unref();
    });
    this.child.on('close', (code, signal) => this.finish(this.describeExit(code, signal), code, signal));
  }

  /**
   * Sends `command` (an MI command such as `-break-insert fact`, without a token) and resolves
   * with its result record; rejects with MiError on `^error`, on timeout (GDB is then killed) and
   * when GDB ends first. Commands are sent in order, one at a time.
   */
  command(command: string, options: CommandOptions = {}): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      if (command.trim() === '' || /[\r\n]/.test(command) || /^\d/.test(command)) {
        reject(new MiError('invalid', command, 'a command is one line, not empty, and does not start with a token'));
      } else if (this.ended !== undefined || this.closing) {
        reject(new MiError('exited', command, this.ended ?? 'the session is closing'));
      } else {
        const token = String(this.nextToken++);
        this.queue.push({ command, token, timeoutMs: options.timeoutMs ?? this.timeoutMs, resolve, reject, console: [], log: [] });
        this.sendNext();
      }
    });
  }

  /** Runs a CLI command through `-interpreter-exec console` and resolves with what it printed. */
  async console(command: string, options: CommandOptions = {}): Promise<string> {
    return (await this.command(`-interpreter-exec console ${quoteCString(command)}`, options)).console;
  }

  /**
   * The `*stopped` that ends the current (or last) run if nobody has taken it yet, else the next
   * one. Rejects on timeout (GDB keeps running) and when GDB ends.
   */
  waitForStop(options: CommandOptions = {}): Promise<StopEvent> {
    const stop = this.unclaimedStop;
    if (stop) {
      this.unclaimedStop = undefined;
      return Promise.resolve(stop);
    }
    if (this.ended !== undefined) return Promise.reject(new MiError('exited', 'waitForStop', this.ended));
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Promise((resolve, reject) => {
      const waiter: StopWaiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.stopWaiters.splice(this.stopWaiters.indexOf(waiter), 1);
          reject(new MiError('timeout', 'waitForStop', `no *stopped in ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.stopWaiters.push(waiter);
    });
  }

  /**
   * Ends GDB: `-gdb-exit` (after killing the programs it runs, if one is running, since GDB reads
   * no command then), SIGKILL after the grace period, and SIGKILL to whatever GDB started that is
   * still there. Resolves once GDB is gone. Commands not yet sent are rejected.
   */
  async close(): Promise<void> {
    if (this.ended === undefined && !this.closing) {
      this.closing = true;
      for (const p of this.queue.splice(0)) p.reject(new MiError('exited', p.command, 'the session was closed before it was sent'));
      if (this.running) killAll(sessionMembers(this.pid).filter((pid) => pid !== this.pid));
      this.child.stdin.end(`${this.nextToken++}-gdb-exit\n`);
      const timer = setTimeout(() => this.kill(`gdb did not exit within ${this.graceMs} ms of -gdb-exit`), this.graceMs);
      await this.gone;
      clearTimeout(timer);
    }
    await this.gone;
  }

  private sendNext(): void {
    if (this.current || this.ended !== undefined) return;
    const p = this.queue.shift();
    if (!p) return;
    this.current = p;
    this.child.stdin.write(`${p.token}${p.command}\n`);
    p.timer = setTimeout(() => {
      this.current = undefined;
      p.reject(new MiError('timeout', p.command, `no answer in ${p.timeoutMs} ms; gdb was killed`));
      this.kill(`gdb was killed: '${p.command}' took more than ${p.timeoutMs} ms`);
    }, p.timeoutMs);
  }

  private kill(reason: string): void {
    this.killReason ??= reason;
    killAll([this.pid]);
  }

  private onData(chunk: Buffer): void {
    const bytes = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    for (let newline = bytes.indexOf(0x0a); newline >= 0; newline = bytes.indexOf(0x0a, start)) {
      this.onLine(bytes.subarray(start, newline));
      start = newline + 1;
    }
    this.rest = Buffer.from(bytes.subarray(start));
  }

  private onLine(line: Buffer): void {
    let record: MiRecord;
    try {
      record = parseRecord(line, ++this.lineNumber);
    } catch (err) {
      if (!(err instanceof MiParseError)) throw err;
      this.emit('output', line.toString('utf8'));
      return;
    }
    this.emit('record', record);
    switch (record.type) {
      case 'prompt':
        this.markReady?.();
        this.markReady = undefined;
        return;
      case 'result':
        return this.onResult(record);
      case 'console':
      case 'target':
      case 'log':
        return this.onStream(record);
      default:
        return this.onAsync(record);
    }
  }

  private onResult(record: MiResultRecord): void {
    const p = this.current;
    if (!p || record.token !== p.token) return; // e.g. the answer to close's -gdb-exit
    this.current = undefined;
    clearTimeout(p.timer);
    if (record.class === 'error') {
      p.reject(new MiError('gdb', p.command, text(record.results.msg) ?? '(no message)', text(record.results.code)));
    } else {
      if (record.class === 'running') this.running = true;
      p.resolve({ class: record.class, results: record.results, console: p.console.join(''), log: p.log.join('') });
    }
    this.sendNext();
  }

  private onStream(record: MiStreamRecord): void {
    this.emit('stream', record);
    if (record.type === 'console') (this.running ? this.runConsole : this.current?.console)?.push(record.text);
    else if (record.type === 'log' && !this.running) this.current?.log.push(record.text);
  }

  private onAsync(record: MiAsyncRecord): void {
    this.emit('async', record);
    if (record.type !== 'exec') return;
    if (record.class === 'running') {
      this.running = true;
      this.unclaimedStop = undefined;
    } else if (record.class === 'stopped') {
      this.running = false;
      const frame = tuple(record.results.frame);
      const stop: StopEvent = {
        reason: text(record.results.reason),
        frame: frame && toMiFrame(frame),
        returnValue: text(record.results['return-value']),
        results: record.results,
        console: this.runConsole.join(''),
      };
      this.runConsole = [];
      const waiter = this.stopWaiters.shift();
      if (waiter) {
        clearTimeout(waiter.timer);
        waiter.resolve(stop);
      } else {
        this.unclaimedStop = stop;
      }
    }
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    const how = this.killReason ?? (signal ? `gdb was killed by ${signal}` : `gdb exited with code ${code}`);
    const stderr = this.stderrTail.trim();
    return stderr ? `${how}; its stderr ends with: ${stderr.slice(-500)}` : how;
  }

  /** GDB is gone: reject whatever still waits, once. */
  private finish(reason: string, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.ended !== undefined) return;
    this.ended = reason;
    live.delete(this.pid);
    if (this.rest.length > 0) this.onLine(this.rest);
    this.rest = Buffer.alloc(0);
    const pending = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = undefined;
    for (const p of pending) {
      clearTimeout(p.timer);
      p.reject(new MiError('exited', p.command, reason));
    }
    for (const w of this.stopWaiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new MiError('exited', 'waitForStop', reason));
    }
    this.markGone();
    this.emit('exit', code, signal);
  }
}
