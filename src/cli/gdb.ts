/**
 * `jitdbg gdb [--break LOC]... [--gdb PATH] [run options] FILE... [-- ARGS...]`: GDB on
 * `node <jitdbg> run FILE... -- ARGS`, with pending breakpoints enabled, the breakpoints set and
 * jitdbg's GDB commands loaded (gdb-scripts/jitdbg.py); the user gets GDB's own prompt and types `run`.
 */
import { GDB_SCRIPT } from '../check/gdb.js';
import { RUN_OPTIONS } from './run.js';
import { debuggerCommand, programArgv, type DebugOptions, type Program } from './debugger.js';

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

/**
 * GDB's arguments. Node starts a dozen threads and GDB would announce each; debuginfod would
 * ask about node's libraries before the prompt. Neither helps here.
 */
export function gdbArguments(o: DebugOptions, executor: Program): string[] {
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
  return ['-q', ...ex.flatMap((c) => ['-ex', c]), '--args', ...programArgv(o, executor)];
}

export const gdb = debuggerCommand({
  name: 'gdb',
  summary: 'debug objects (or C/C++ sources) linked by jitdbg run under GDB',
  help: HELP,
  install: 'Debian: apt-get install gdb',
  defaultPath: () => 'gdb',
  start: (o, program) => ({ args: gdbArguments(o, program) }),
});
