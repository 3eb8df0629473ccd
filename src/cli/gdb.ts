/**
 * `jitdbg gdb [--break LOC]... [--gdb PATH] [run options] FILE... [-- ARGS...]`: GDB on
 * `node <jitdbg> run FILE... -- ARGS`, with pending breakpoints enabled, the breakpoints set and
 * jitdbg's GDB commands loaded (gdb-scripts/jitdbg.py); the user gets GDB's own prompt and types `run`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from './commands.js';
import { GDB_SCRIPT } from '../check/gdb.js';
import { UsageError } from './errors.js';
import { stdout } from './output.js';
import { checkInputs, checkProgram, parseRunArgs, RUN_OPTIONS, type RunOptions } from './run.js';

const HELP = `usage: jitdbg gdb [options] FILE... [-- ARGS...]

Starts GDB on 'jitdbg run FILE... -- ARGS' with pending breakpoints on, the breakpoints set and
jitdbg's GDB commands loaded; at GDB's prompt, type run. The JIT'd code is debugged like a
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
    else if (a === '--entry' || a === '--lib' || a === '--cflags' || a === '--dump-images') o.runArgs.push(a, value());
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
export function gdbArguments(o: GdbOptions): string[] {
  const cli = fileURLToPath(new URL('./main.js', import.meta.url));
  const ex = [
    'set debuginfod enabled off',
    'set print thread-events off',
    'set breakpoint pending on',
    `source ${GDB_SCRIPT}`,
    // Stops only in JIT code (gdb-scripts/jitdbg/jit_code.py): not in Node's own main, nor V8's methods of the same name.
    ...o.breaks.map((loc) => `jitdbg-break ${loc}`),
  ];
  return ['-q', ...ex.flatMap((c) => ['-ex', c]), '--args', process.execPath, cli, 'run', ...o.runArgs];
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
    const child = spawn(o.gdb, gdbArguments(o), { stdio: 'inherit' });
    // The terminal's ^C is GDB's to handle (it interrupts the program), not a reason to leave.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGQUIT', ignore);
    try {
      return await new Promise<number>((resolve, reject) => {
        child.on('error', (e) => reject(new UsageError(`cannot start ${o.gdb}: ${e.message}`)));
        child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
      });
    } finally {
      process.off('SIGINT', ignore);
      process.off('SIGQUIT', ignore);
    }
  },
};
