/**
 * `jitdbg gdb [--break LOC]... [--gdb PATH] [run options] FILE... [-- ARGS...]`: GDB on
 * `node <jitdbg> run FILE... -- ARGS`, with pending breakpoints enabled, the breakpoints set and
 * gdb-scripts/ loaded; the user gets GDB's own prompt and types `run`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './commands.js';
import { UsageError } from './errors.js';
import { parseRunArgs } from './run.js';

const USAGE = 'usage: jitdbg gdb [--break LOC]... [--gdb PATH] [--entry SYM] [--lib LIB]... FILE... [-- ARGS...]';

export interface GdbOptions {
  breaks: string[];
  gdb: string;
  /** The arguments of `jitdbg run`. */
  runArgs: string[];
}

export function parseGdbArgs(argv: string[]): GdbOptions {
  const o: GdbOptions = { breaks: [], gdb: 'gdb', runArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--') {
      o.runArgs.push(...argv.slice(i));
      break;
    } else if (a === '--break' || a === '-b') o.breaks.push(value());
    else if (a === '--gdb') o.gdb = value();
    else if (a === '-h' || a === '--help') throw new UsageError(USAGE);
    else if (a === '--entry' || a === '--lib') o.runArgs.push(a, value());
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else o.runArgs.push(a);
  }
  try {
    parseRunArgs(o.runArgs);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${e.message.split('\n')[0]}\n${USAGE}`);
    throw e;
  }
  return o;
}

/** The package's gdb-scripts directory. */
export const GDB_SCRIPTS = fileURLToPath(new URL('../../../gdb-scripts/', import.meta.url));

/**
 * GDB's arguments. Node starts a dozen threads and GDB would announce each; debuginfod would
 * ask about node's libraries before the prompt. Neither helps here.
 */
export function gdbArguments(o: GdbOptions, scripts = GDB_SCRIPTS): string[] {
  const cli = fileURLToPath(new URL('./main.js', import.meta.url));
  const sourced = existsSync(scripts) ? readdirSync(scripts).filter((f) => f.endsWith('.py') || f.endsWith('.gdb')).sort() : [];
  const ex = [
    'set debuginfod enabled off',
    'set print thread-events off',
    'set breakpoint pending on',
    ...sourced.map((f) => `source ${join(scripts, f)}`),
    // Qualified: `fact` means the function fact, not also every C++ method named fact in Node and V8.
    ...o.breaks.map((loc) => `break -qualified ${loc}`),
  ];
  return ['-q', ...ex.flatMap((c) => ['-ex', c]), '--args', process.execPath, cli, 'run', ...o.runArgs];
}

export const gdb: Command = {
  summary: 'debug objects (or C/C++ sources) linked by jitdbg run under GDB',
  async run(argv) {
    const o = parseGdbArgs(argv);
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
