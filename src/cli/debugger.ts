/**
 * What `jitdbg gdb` and `jitdbg lldb` share: their command line (`[--break LOC]... [--gdb|--lldb
 * PATH] [run options] FILE... [-- ARGS...]`), and the debugger run as a child on the terminal
 * while this process serves the program to an executor when there is one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './commands.js';
import { UsageError } from './errors.js';
import { stdout } from './output.js';
import { callMain, checkInputs, checkProgram, linkInto, openExecutor, parseRunArgs, type RunOptions } from './run.js';
import { ExecutorTarget } from '../executor/target.js';
import { ExecutorError } from '../target/errors.js';

export interface DebugOptions {
  breaks: string[];
  /** The debugger to run (--gdb PATH, --lldb PATH, else the command's default; empty with --help). */
  debugger: string;
  help: boolean;
  /** The arguments of `jitdbg run`, and what they say (undefined with --help). */
  runArgs: string[];
  run?: RunOptions;
}

/** Where the debugger finds the program: it runs `jitdbg run`, an executor it spawns, or it attaches. */
export type Program = { tokenFile: string } | { pid: number } | undefined;

export interface DebuggerCommand {
  /** The command's name, which is also the option naming the debugger (--gdb PATH). */
  name: 'gdb' | 'lldb';
  summary: string;
  help: string;
  /** The debugger when no option names one. */
  defaultPath(): string;
  /** What to do when there is no such program (which package has it). */
  install: string;
  /** The debugger's arguments and environment for the program. */
  start(o: DebugOptions, program: Program): { args: string[]; env?: NodeJS.ProcessEnv };
}

/**
 * The command line of the program the debugger starts: `node jitdbg run FILE... -- ARGS`, or an
 * executor listening on a loopback port, which this process links the program into and calls
 * main in.
 */
export function programArgv(o: DebugOptions, program: Program): string[] {
  const cli = fileURLToPath(new URL('./main.js', import.meta.url));
  const args = program && 'tokenFile' in program ? ['executor', '--listen', '127.0.0.1:0', '--token-file', program.tokenFile] : ['run', ...o.runArgs];
  return [process.execPath, cli, ...args];
}

export function parseDebugArgs(name: DebuggerCommand['name'], defaultPath: () => string, argv: string[]): DebugOptions {
  const o: DebugOptions = { breaks: [], debugger: '', help: false, runArgs: [] };
  let named: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name}: ${a} needs a value (try 'jitdbg ${name} --help')`);
      return v;
    };
    if (a === '--') {
      o.runArgs.push(...argv.slice(i));
      break;
    } else if (a === '--break' || a === '-b') o.breaks.push(value());
    else if (a === `--${name}`) named = value();
    else if (a === '-h' || a === '--help') o.help = true;
    else if (a === '--entry' || a === '--lib' || a === '--cflags' || a === '--dump-images' || a === '--executor' || a === '--token-file') o.runArgs.push(a, value());
    else if (a === '--timings') o.runArgs.push(a);
    else if (a.startsWith('-')) throw new UsageError(`${name}: unknown option '${a}' (program arguments go after --; try 'jitdbg ${name} --help')`);
    else o.runArgs.push(a);
  }
  if (o.help) return o;
  o.debugger = named ?? defaultPath();
  try {
    o.run = parseRunArgs(o.runArgs);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(e.reason.replace(/^run: /, `${name}: `).replace("'jitdbg run --help'", `'jitdbg ${name} --help'`));
    throw e;
  }
  checkInputs(o.run.files);
  return o;
}

export function debuggerCommand(d: DebuggerCommand): Command {
  return {
    summary: d.summary,
    async run(argv) {
      const o = parseDebugArgs(d.name, d.defaultPath, argv);
      if (o.help) {
        stdout().write(d.help);
        return 0;
      }
      // A file that does not compile or link is one line now, not a failure after the debugger's prompt.
      await checkProgram(o.run!);
      const where = o.run!.executor;
      const attached = where !== undefined && where !== 'spawn' ? await localExecutor(d.name, o.run!) : undefined;
      const dir = where === 'spawn' ? mkdtempSync(join(tmpdir(), `jitdbg-${d.name}-`)) : undefined;
      const tokenFile = dir && join(dir, 'token');
      const { args, env } = d.start(o, tokenFile ? { tokenFile } : attached && { pid: attached.pid });
      const child = spawn(o.debugger, args, { stdio: 'inherit', env: env ?? process.env });
      // The terminal's ^C is the debugger's to handle (it interrupts the program), not a reason to leave.
      const ignore = () => {};
      process.on('SIGINT', ignore);
      process.on('SIGQUIT', ignore);
      let running = true;
      try {
        const status = new Promise<number>((resolve, reject) => {
          child.on('error', (e: NodeJS.ErrnoException) =>
            reject(new UsageError(`${d.name}: cannot start ${o.debugger}: ${e.code === 'ENOENT' ? `no such program (${d.install}, or give --${d.name} PATH)` : e.message}`)));
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
}

/**
 * Each time the debugger starts the executor (each `run`), the program runs in it: this process
 * waits for its token file, connects, links and calls main; the executor exits with main's
 * status, as the program would.
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
 * The executor at HOST:PORT, connected, when it runs on this machine (the debugger attaches to
 * it by its pid); one elsewhere is debugged through gdbserver.
 */
async function localExecutor(name: string, o: RunOptions): Promise<{ target: ExecutorTarget; pid: number }> {
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
    throw new UsageError(`${name}: the executor at ${o.executor} (its pid ${pid}) is not a process of this machine: debug it with gdbserver (docs/executor.md)`);
  }
  return { target, pid };
}

/**
 * Once the debugger is attached to the executor (it stops it, sets the breakpoints, continues
 * it), the program is linked and main called there; the executor then exits with main's status.
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
 * Links the program into the executor, calls main and ends the executor with its status. The
 * debugger ending the executor meanwhile (kill, quit, a second run) is not worth a line; the rest is said.
 */
async function runProgram(o: RunOptions, target: ExecutorTarget): Promise<void> {
  try {
    const session = await linkInto(o, target);
    await target.exit((await callMain(o, session, target)) & 0xff);
  } catch (e) {
    if (!(e instanceof ExecutorError) || target.lost === undefined) process.stderr.write(`jitdbg: ${(e as Error).message}\n`);
  }
}
