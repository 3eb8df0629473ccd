/**
 * `jitdbg lldb [--break LOC]... [--lldb PATH] [run options] FILE... [-- ARGS...]`: LLDB on
 * `node <jitdbg> run FILE... -- ARGS` with its GDB JIT loader on, jitdbg's LLDB commands loaded
 * (gdb-scripts/lldb/jitdbg_lldb.py) and the breakpoints set; the user gets LLDB's own prompt
 * and types `run`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_OPTIONS } from './run.js';
import { debuggerCommand, programArgv, type DebugOptions, type Program } from './debugger.js';

/** The LLDB script: jitdbg-break, jitdbg-bt, and the JIT loader turned on. */
export const LLDB_SCRIPT = fileURLToPath(new URL('../../../gdb-scripts/lldb/jitdbg_lldb.py', import.meta.url));

const HELP = `usage: jitdbg lldb [options] FILE... [-- ARGS...]

Starts LLDB on 'jitdbg run FILE... -- ARGS' (with --executor spawn: on an executor process this
command links the program into) with LLDB's GDB JIT loader on, jitdbg's LLDB commands loaded and
the breakpoints set; at LLDB's prompt, type run. With --executor HOST:PORT, LLDB attaches to that
executor (it must run on this machine) and continues it. The JIT'd code is debugged like a
natively linked program: b, bt, step, next, finish, frame variable. In LLDB, 'jitdbg-break LOC'
sets a breakpoint that stops only in JIT code (not in Node's own main) and 'jitdbg-bt' is the
backtrace down to the program's main (bt also shows Node's frames below it).

options:
  -b, --break LOC     a breakpoint: a function (fact), FILE:LINE (fact.c:5), Class::method;
                      repeatable
  --lldb PATH         the LLDB to run (default: lldb, else the newest lldb-N on PATH)
${RUN_OPTIONS}  -h, --help          this text
`;

const pathDirectories = () => (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');

/** lldb on PATH, else the newest lldb-N (Debian installs lldb-14 under that name only). */
export function defaultLldb(): string {
  const names = new Set<string>();
  for (const dir of pathDirectories()) {
    try {
      for (const n of readdirSync(dir)) if (/^lldb(-\d+)?$/.test(n)) names.add(n);
    } catch {
      // a PATH entry that is not a directory
    }
  }
  if (names.has('lldb') || names.size === 0) return 'lldb';
  const version = (n: string) => Number(n.slice('lldb-'.length));
  return [...names].sort((a, b) => version(b) - version(a))[0]!;
}

/**
 * LLDB's environment. Debian's lldb-14 looks for its Python package where it is not (`lldb -P`
 * names /usr/lib/local/...), and then every Python command fails ("No module named
 * 'lldb.embedded_interpreter'"); the package is beside the binary, under lib/python3.N/.
 */
export function lldbEnvironment(lldb: string): NodeJS.ProcessEnv {
  const said = spawnSync(lldb, ['-P'], { encoding: 'utf8' }).stdout?.trim();
  if (!said || existsSync(join(said, 'lldb', 'embedded_interpreter.py'))) return process.env;
  const found = pythonBeside(lldb);
  if (!found) return process.env;
  const path = process.env.PYTHONPATH;
  return { ...process.env, PYTHONPATH: path ? `${found}${delimiter}${path}` : found };
}

/** The dist-packages directory holding LLDB's Python package, found from the binary's real path. */
function pythonBeside(lldb: string): string | undefined {
  const onPath = lldb.includes('/') ? lldb : pathDirectories().map((d) => join(d, lldb)).find((p) => existsSync(p));
  if (!onPath) return undefined;
  const lib = join(dirname(realpathSync(onPath)), '..', 'lib');
  let pythons: string[] = [];
  try {
    pythons = readdirSync(lib).filter((n) => n.startsWith('python3')).sort().reverse();
  } catch {
    return undefined;
  }
  return pythons.map((p) => join(lib, p, 'dist-packages')).find((d) => existsSync(join(d, 'lldb', 'embedded_interpreter.py')));
}

/**
 * LLDB's arguments: the script (which turns the JIT loader on) before the target exists, the
 * breakpoints after. Attached to a running executor, LLDB continues it once they are set.
 */
export function lldbArguments(o: DebugOptions, program: Program): string[] {
  const before = ['-O', `command script import ${LLDB_SCRIPT}`];
  // Stops only in JIT code (gdb-scripts/lldb/jitdbg_lldb.py): not in Node's own main.
  const breaks = o.breaks.flatMap((loc) => ['-o', `jitdbg-break ${loc}`]);
  if (program && 'pid' in program) return [...before, '-p', String(program.pid), ...breaks, '-o', 'continue'];
  return [...before, ...breaks, '--', ...programArgv(o, program)];
}

export const lldb = debuggerCommand({
  name: 'lldb',
  summary: 'debug objects (or C/C++ sources) linked by jitdbg run under LLDB',
  help: HELP,
  install: 'Debian: apt-get install lldb-14',
  defaultPath: defaultLldb,
  start: (o, program) => ({ args: lldbArguments(o, program), env: lldbEnvironment(o.debugger) }),
});
