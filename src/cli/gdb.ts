/**
 * `jitdbg gdb [--break LOC]... [--gdb PATH] [run options] FILE... [-- ARGS...]`: GDB on
 * `node <jitdbg> run FILE... -- ARGS`, with pending breakpoints enabled, the breakpoints set and
 * jitdbg's GDB commands loaded (gdb-scripts/jitdbg.py); the user gets GDB's own prompt and types `run`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './commands.js';
import { GDB_SCRIPT } from '../check/gdb.js';
import { UsageError } from './errors.js';
import { stdout } from './output.js';
import { callMain, checkInputs, checkProgram, linkInto, openExecutor, parseRunArgs, RUN_OPTIONS, type RunOptions } from './run.js';
import { ExecutorTarget } from '../executor/target.js';
import { ExecutorError } from '../target/errors.js';

const HELP = `usage: jitdbg gdb [options] FILE... [-- ARGS...]

Starts GDB on 'jitdbg run FILE... -- ARGS' (with --executor spawn: on an executor process this
command links the program into) with pending breakpoints on, the breakpoints set and jitdbg's
GDB commands loaded; at GDB's prompt, type run. With --executor HOST:PORT, GDB attaches to that
executor (it must run on this machine) and continues it, and the program runs there. The JIT'd
code is debugged like a natively linked program: break, bt, step, next, finish, print, info
locals. In GDB, 'jitdbg list', 'jitdbg dump DIR' and 'jitdbg verify' show what is registered
(help jitdbg).

options:
  -b, --break LOC     a breakpoint: a function (fact) or FILE:LINE (fact.c:5); repeatable
  --gdb PATH          the GDB to run (default: gdb)
${RUN_OPTIONS}  -h, --help          this text
`;

export interface GdbOptions {
  breaks: string[];
  gdb: string;
  help: boolean;
  /** The arguments of `jitdbg run`, and what they say (undefined with --help). */
  runArgs: string[];
  run?: RunOptions;
}

export function parseGdbArgs(argv: string[]): GdbOptions {
  const o: GdbOptions = { breaks: [], gdb: 'gdb', help: false, runArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`gdb: ${a} needs a value (try 'jitdbg gdb --help')`);
      return v;
    };
    if (a === '--') {
      o.runArgs.push(...argv.slice(i));
      break;
    } else if (a === '--break' || a === '-b') o.breaks.push(value());
    else if (a === '--gdb') o.gdb = value();
    else if (a === '-h' || a === '--help') o.help = true;
    else if (a === '--entry' || a === '--lib' || a === '--cflags' || a === '--dump-images' || a === '--executor' || a === '--token-file') o.runArgs.push(a, value());
    else if (a === '--timings') o.runArgs.push(a);
    else if (a.startsWith('-')) throw new UsageError(`gdb: unknown option '${a}' (program arguments go after --; try 'jitdbg gdb --help')`);
    else o.runArgs.push(a);
  }
  if (o.help) return o;
  try {
    o.run = parseRunArgs(o.runArgs);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(e.reason.replace(/^run: /, 'gdb: ').replace("'jitdbg run --help'", "'jitdbg gdb --help'"));
    throw e;
  }
  checkInputs(o.run.files);
  return o;
}


/**
 * GDB's arguments. Node starts a dozen threads and GDB would announce each; debuginfod would
 * ask about node's libraries before the prompt. Neither helps here.
 */
export function gdbArguments(o: GdbOptions, executor?: { tokenFile: string } | { pid: number }): string[] {
  const cli = fileURLToPath(new URL('./main.js', import.meta.url));
  const ex = [
    'set debuginfod enabled off',
    'set print thread-events off',
    'set breakpoint pending on',
    `source ${GDB_SCRIPT}`,
    // Stops only in JIT code (gdb-scripts/jitdbg/jit_code.py): not in Node's own main, nor V8's methods of the same name.
    ...o.breaks.map((loc) => `jitdbg-break ${loc}`),
  ];
  // A running executor: GDB attaches (before the commands run), sets the breakpoints and continues it.
  if (executor && 'pid' in executor) return ['-q', '-p', String(executor.pid), ...[...ex, 'continue'].flatMap((c) => ['-ex', c])];
  // With an executor to spawn, GDB runs it (it listens on a loopback port, this process links and calls main there).
  const program = executor ? ['executor', '--listen', '127.0.0.1:0', '--token-file', executor.tokenFile] : ['run', ...o.runArgs];
  return ['-q', ...ex.flatMap((c) => ['-ex', c]), '--args', process.execPath, cli, ...program];
}

export const gdb: Command = {
  summary: 'debug objects (or C/C++ sources) linked by jitdbg run under GDB',
  async run(argv) {
    const o = parseGdbArgs(argv);
    if (o.help) {
      stdout().write(HELP);
      return 0;
    }
    // A file that does not compile or link is one line now, not a failure after GDB's prompt.
    await checkProgram(o.run!);
    const where = o.run!.executor;
    const attached = where !== undefined && where !== 'spawn' ? await localExecutor(o.run!) : undefined;
    const dir = where === 'spawn' ? mkdtempSync(join(tmpdir(), 'jitdbg-gdb-')) : undefined;
    const tokenFile = dir && join(dir, 'token');
    const child = spawn(o.gdb, gdbArguments(o, tokenFile ? { tokenFile } : attached), { stdio: 'inherit' });
    // The terminal's ^C is GDB's to handle (it interrupts the program), not a reason to leave.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGQUIT', ignore);
    let running = true;
    try {
      const status = new Promise<number>((resolve, reject) => {
        child.on('error', (e) => reject(new UsageError(`cannot start ${o.gdb}: ${e.message}`)));
        child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
      });
      const served = tokenFile ? serveExecutors(o.run!, tokenFile, () => running) : attached ? serveAttached(o.run!, attached, () => running) : undefined;
      const code = await status;
      running = false;
      await served;
      return code;
    } finally {
      running = false;
      await attached?.target.close();
      process.off('SIGINT', ignore);
      process.off('SIGQUIT', ignore);
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  },
};

/**
 * Each time GDB starts the executor (each `run`), the program runs in it: this process waits
 * for its token file, connects, links and calls main; the executor exits with main's status,
 * as the program would.
 */
async function serveExecutors(o: RunOptions, tokenFile: string, running: () => boolean): Promise<void> {
  while (running()) {
    let contents: string;
    try {
      contents = readFileSync(tokenFile, 'utf8');
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    rmSync(tokenFile, { force: true });
    const [token, address] = contents.split('\n');
    let target: ExecutorTarget | undefined;
    try {
      target = await ExecutorTarget.connect(address!, token!, { libraries: o.libs });
      await runProgram(o, target);
    } catch (e) {
      process.stderr.write(`jitdbg: ${(e as Error).message}\n`);
    } finally {
      await target?.close();
    }
  }
}

/**
 * The executor at HOST:PORT, connected, when it runs on this machine (GDB attaches to it by its
 * pid); one elsewhere is debugged through gdbserver.
 */
async function localExecutor(o: RunOptions): Promise<{ target: ExecutorTarget; pid: number }> {
  const target = await openExecutor(o.executor!, o.tokenFile, o.libs);
  const pid = target.pid;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // no such process here
  }
  if (!cmdline.split('\0').includes('executor')) {
    await target.close();
    throw new UsageError(`gdb: the executor at ${o.executor} (its pid ${pid}) is not a process of this machine: debug it with gdbserver (docs/executor.md)`);
  }
  return { target, pid };
}

/**
 * Once GDB is attached to the executor (it stops it, sets the breakpoints, continues it), the
 * program is linked and main called there; the executor then exits with main's status.
 */
async function serveAttached(o: RunOptions, { target, pid }: { target: ExecutorTarget; pid: number }, running: () => boolean): Promise<void> {
  const traced = () => {
    try {
      return /^TracerPid:\s+[1-9]/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      return undefined; // the executor is gone
    }
  };
  let state: boolean | undefined;
  while (running() && (state = traced()) === false) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!running() || state === undefined) return;
  await runProgram(o, target);
}

/**
 * Links the program into the executor, calls main and ends the executor with its status. GDB
 * ending the executor meanwhile (kill, quit, a second run) is not worth a line; the rest is said.
 */
async function runProgram(o: RunOptions, target: ExecutorTarget): Promise<void> {
  try {
    const session = await linkInto(o, target);
    await target.exit((await callMain(o, session, target)) & 0xff);
  } catch (e) {
    if (!(e instanceof ExecutorError) || target.lost === undefined) process.stderr.write(`jitdbg: ${(e as Error).message}\n`);
  }
}
