// A command under a real pseudo-terminal, its output parsed by a headless xterm: tests and
// benchmarks of a terminal UI that look at the screen as a person does. No native module: the
// pty is util-linux `script`'s, and the child is sized and resized with `stty`.
import { execFile, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import xterm, { type Terminal as XTerm } from '@xterm/headless';

/** What a terminal sends for these keys (normal cursor-key mode, as xterm does by default). */
export const KEY = {
  tab: '\t',
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
} as const;

/** A predicate over the visible rows, or text (a substring or a RegExp) of the rows joined by '\n'. */
export type ScreenTest = ((screen: string[]) => boolean) | string | RegExp;

export interface TerminalOptions {
  cols?: number;
  rows?: number;
  /** Over the inherited environment; undefined removes a variable. */
  env?: NodeJS.ProcessEnv;
}

function matcher(test: ScreenTest): (screen: string[]) => boolean {
  if (typeof test === 'function') return test;
  if (typeof test === 'string') return (screen) => screen.join('\n').includes(test);
  return (screen) => test.test(screen.join('\n'));
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Fields of /proc/PID/stat, or undefined once the process is gone. */
export function procStat(pid: number): { state: string; ppid: number; pgrp: number; session: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The fields after "(comm)", which may itself hold spaces and parentheses.
  const [state, ppid, pgrp, session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: state!, ppid: Number(ppid), pgrp: Number(pgrp), session: Number(session) };
}

/** SIGKILLs every live process of session `sid` (the command and all it started that did not
 *  setsid), and returns their pids. */
function killSession(sid: number): number[] {
  const killed: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat?.session !== sid || stat.state === 'Z') continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      killed.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return killed;
}

/** Sessions of the terminals not closed yet: killed if this process exits first, as when a test
 *  throws before its close. */
const unclosed = new Set<number>();
process.on('exit', () => unclosed.forEach(killSession));

export class Terminal {
  private readonly waiters = new Set<() => void>();
  private finished = false;
  private exitCode: number | null = null;

  /** @internal use openTerminal */
  constructor(
    /** The command itself: it leads its own session on the pty. */
    readonly pid: number,
    /** Resolves with the command's exit status once its last output has been parsed (128+N after signal N). */
    readonly exited: Promise<number | null>,
    private readonly tty: string,
    private readonly label: string,
    private readonly xterm: XTerm,
    private readonly stopScript: () => void,
  ) {
    exited.then((code) => {
      this.exitCode = code;
      this.finished = true;
      this.parsed();
    });
  }

  get cols(): number {
    return this.xterm.cols;
  }

  get rows(): number {
    return this.xterm.rows;
  }

  /** The visible rows, trailing spaces trimmed. */
  screen(): string[] {
    const buffer = this.xterm.buffer.active;
    return Array.from({ length: this.xterm.rows }, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
  }

  /** Types `s`, bytes as they are. They pass through xterm as typing does, so that the output that
   *  answers them is parsed at once rather than on the next timer tick. */
  keys(s: string): void {
    this.xterm.input(s, true);
  }

  /** The screen once it satisfies `test`, checked after each chunk of output is parsed, but not
   *  within a synchronized update (DEC mode 2026, which ink uses): a terminal shows the last whole
   *  frame then. Rejects on timeout, or when the command has exited and its last output did not
   *  satisfy it. */
  waitFor(test: ScreenTest, timeoutMs = 10000): Promise<string[]> {
    const matches = matcher(test);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      const fail = (why: string) => {
        done();
        reject(new Error(`waitFor(${typeof test === 'function' ? test.toString() : String(test)}) ${why}\n${this.describe()}`));
      };
      const attempt = () => {
        if (this.xterm.modes.synchronizedOutputMode && !this.finished) return;
        try {
          const screen = this.screen();
          if (matches(screen)) {
            done();
            resolve(screen);
          } else if (this.finished) fail(`failed: the command exited with ${this.exitCode}`);
        } catch (e) {
          fail(`threw ${e instanceof Error ? e.message : String(e)}`);
        }
      };
      const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** Resizes the terminal, then the pty, whose resizing sends the command SIGWINCH. stty sets rows
   *  and columns one after the other: the command may be signalled twice, the last time at full size. */
  async resize(cols: number, rows: number): Promise<void> {
    this.xterm.resize(cols, rows);
    await promisify(execFile)('stty', ['-F', this.tty, 'rows', String(rows), 'cols', String(cols)]);
  }

  /** Kills the command's whole session and `script`, and resolves once none of them is left. */
  async close(): Promise<void> {
    killSession(this.pid);
    // script exits once it has reaped the command; if it hangs, its end hangs up the pty.
    const guard = setTimeout(this.stopScript, 5000);
    await this.exited;
    clearTimeout(guard);
    this.xterm.dispose();
    // SIGKILL takes effect asynchronously, and a process may have forked while the first sweep ran.
    const deadline = performance.now() + 5000;
    for (let left = killSession(this.pid); left.length > 0; left = killSession(this.pid)) {
      if (performance.now() > deadline) throw new Error(`${this.label}: processes ${left.join(' ')} outlive SIGKILL`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    unclosed.delete(this.pid);
  }

  /** Called by openTerminal after each chunk of output is parsed. */
  parsed(): void {
    for (const attempt of [...this.waiters]) attempt();
  }

  private describe(): string {
    const screen = this.screen();
    while (screen.length > 0 && screen[screen.length - 1] === '') screen.pop();
    return [`command: ${this.label}`, `screen ${this.cols}x${this.rows}${screen.length < this.rows ? ', blank rows below not shown' : ''}:`, ...screen.map((row) => `| ${row}`)].join('\n');
  }
}

/** Starts `command args` on a pty of cols x rows with TERM=xterm-256color. CI variables are removed
 *  (ink renders only a final frame when it sees them), as are COLUMNS and LINES. Resolves when the
 *  command is about to be exec'd: keys typed before it puts the pty in raw mode are echoed and
 *  line-buffered, so tests should wait for its first screen. */
export async function openTerminal(command: string, args: string[], { cols = 80, rows = 24, env = {} }: TerminalOptions = {}): Promise<Terminal> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', CI: undefined, CONTINUOUS_INTEGRATION: undefined, COLUMNS: undefined, LINES: undefined, ...env };
  // script runs its -c string with $SHELL, so that is /bin/sh for script and restored for the command.
  // The string reports the pid and the pty on fd 3, which the command does not inherit.
  const line = [
    `stty rows ${rows} cols ${cols}`,
    childEnv.SHELL === undefined ? 'unset SHELL' : `export SHELL=${quote(childEnv.SHELL)}`,
    `printf '%s %s\\n' $$ "$(tty)" >&3`,
    'exec 3>&-',
    `exec ${[command, ...args].map(quote).join(' ')}`,
  ].join(' && ');
  const label = [command, ...args].join(' ');
  const child = spawn('script', ['-qec', line, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: { ...childEnv, SHELL: '/bin/sh' } });

  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  // Answers to the command's queries (cursor position, device attributes) and typed keys.
  term.onData((data) => child.stdin!.write(data));
  // A key typed after the command exited: its exit is reported by `exited`.
  child.stdin!.on('error', () => {});
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));

  let terminal: Terminal | undefined;
  child.stdout!.on('data', (chunk: Buffer) => term.write(chunk, () => terminal?.parsed()));
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => term.write('', () => resolve(code)));
  });

  const started = await new Promise<{ pid: number; tty: string } | Error>((resolve) => {
    let report = '';
    (child.stdio[3] as Readable).setEncoding('utf8').on('data', (s: string) => {
      report += s;
      const m = /^(\d+) (\/dev\/\S+)\n/.exec(report);
      if (m) resolve({ pid: Number(m[1]), tty: m[2]! });
    });
    child.on('error', (e) => resolve(new Error(`${label}: cannot run script(1) (Debian package bsdutils): ${e.message}`)));
    exited.then((code) => resolve(new Error(`${label}: did not start (script exited with ${code}): ${stderr}`)));
  });
  if (started instanceof Error) {
    term.dispose();
    throw started;
  }
  unclosed.add(started.pid);
  terminal = new Terminal(started.pid, exited, started.tty, label, term, () => child.kill('SIGKILL'));
  return terminal;
}

/** Milliseconds from typing `key` to the first parsed screen that satisfies `test`, which the screen
 *  must not satisfy already. */
export async function keystrokeMs(terminal: Terminal, key: string, test: ScreenTest, timeoutMs?: number): Promise<number> {
  if (matcher(test)(terminal.screen())) throw new Error(`keystrokeMs: the screen satisfies ${String(test)} before the key`);
  const start = performance.now();
  terminal.keys(key);
  await terminal.waitFor(test, timeoutMs);
  return performance.now() - start;
}
