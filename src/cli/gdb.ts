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
import { callMain, checkInputs, checkProgram, linkInto, parseRunArgs, RUN_OPTIONS, type RunOptions } from './run.js';
import { ExecutorTarget } from '../executor/target.js';
import { ExecutorError } from '../target/errors.js';

const HELP = `usage: jitdbg gdb [options] FILE... [-- ARGS...]

Starts GDB on 'jitdbg run FILE... -- ARGS' (with --executor spawn: on an executor process this
command links the program into) with pending breakpoints on, the breakpoints set and jitdbg's
GDB commands loaded; at GDB's prompt, type run. The JIT'd code is debugged like a
natively linked program: break, bt, step, next, finish, print, info locals. In GDB, 'jitdbg list',
'jitdbg dump DIR' and 'jitdbg verify' show what is registered (help jitdbg).

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
    else if (a === '--entry' || a === '--lib' || a === '--cflags' || a === '--dump-images' || a === '--executor') o.runArgs.push(a, value());
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
  if (o.run.executor !== undefined && o.run.executor !== 'spawn') {
    throw new UsageError(`gdb: --executor takes 'spawn' here (GDB starts the executor); to debug an executor at ${o.run.executor}, run it under gdbserver (docs/executor.md)`);
  }
  checkInputs(o.run.files);
  return o;
}


/**
 * GDB's arguments. Node starts a dozen threads and GDB would announce each; debuginfod would
 * ask about node's libraries before the prompt. Neither helps here.
 */
export function gdbArguments(o: GdbOptions, tokenFile?: string): string[] {
  const cli = fileURLToPath(new URL('./main.js', import.meta.url));
  const ex = [
    'set debuginfod enabled off',
    'set print thread-events off',
    'set breakpoint pending on',
    `source ${GDB_SCRIPT}`,
    // Stops only in JIT code (gdb-scripts/jitdbg/jit_code.py): not in Node's own main, nor V8's methods of the same name.
    ...o.breaks.map((loc) => `jitdbg-break ${loc}`),
  ];
  // With an executor, GDB runs it (it listens on a loopback port, this process links and calls main there).
  const program = tokenFile === undefined ? ['run', ...o.runArgs] : ['executor', '--listen', '127.0.0.1:0', '--token-file', tokenFile];
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
    const dir = o.run!.executor ? mkdtempSync(join(tmpdir(), 'jitdbg-gdb-')) : undefined;
    const tokenFile = dir && join(dir, 'token');
    const child = spawn(o.gdb, gdbArguments(o, tokenFile), { stdio: 'inherit' });
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
      const served = tokenFile ? serveExecutors(o.run!, tokenFile, () => running) : undefined;
      const code = await status;
      running = false;
      await served;
      return code;
    } finally {
      running = false;
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
      const session = await linkInto(o, target);
      await target.exit((await callMain(o, session, target)) & 0xff);
    } catch (e) {
      // GDB killing the program (kill, quit, a second run) ends the executor: not worth a line.
      if (!(e instanceof ExecutorError) || target?.lost === undefined) process.stderr.write(`jitdbg: ${(e as Error).message}\n`);
    } finally {
      await target?.close();
    }
  }
}
