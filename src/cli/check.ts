/**
 * `jitdbg check [options] FILE|DIR...`: debug-info tests (Dexter's script and command formats,
 * llgdb's DEBUGGER/CHECK lines) run under GDB on the program linked by jitdbg, natively, or both
 * with every difference between the two reported (src/check).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, constants } from 'node:os';
import { join } from 'node:path';
import { isSource } from '../check/build.js';
import { detectFormat } from '../check/formats.js';
import { failed, json, junit, summary, textReport } from '../check/report.js';
import { check, type CheckOptions } from '../check/runner.js';
import type { Command } from './commands.js';
import { splitFlags } from './flags.js';
import { UsageError } from './errors.js';
import { stdout } from './output.js';

const HELP = `usage: jitdbg check [options] FILE|DIR...

Runs debug-info tests under GDB: Dexter scripts (a YAML document in a comment), Dexter commands
(DexExpectWatchValue...) and llgdb tests (// DEBUGGER: and // CHECK: lines). Each test is
compiled (default -g -O0, or the flags of its RUN lines), run under GDB and judged; a directory
is searched for C and C++ sources holding such directives. Exit status 1 when a test fails.

options:
  --mode MODE         jit: linked by jitdbg, as jitdbg run does (default); native: linked by
                      the system linker; parity: both, and every difference between them
  -j, --jobs N        tests run at once, one GDB each (default: the number of cores)
  --cc CC, --cxx CXX  the compilers (default $CC or cc, $CXX or c++)
  --cflags FLAGS      compiler flags for every test, instead of its own (e.g. "-g -O2")
  --fail-lt SCORE     a Dexter command-format test fails below SCORE (default 1.0)
  --timeout SECONDS   time for one run of a test before it fails (default 120)
  --max-steps N       steps and continues for one run of a test (default 10000)
  --json FILE         write the results as JSON
  --junit FILE        write the results as JUnit XML
  --update            write what was seen into the tests' empty expectations (Dexter's ?)
  --gdb PATH          the GDB to run (default: gdb)
  -v, --verbose       print every test's report, not only those that fail
  -h, --help          this text

See docs/check.md for the formats, the metrics and how to read a difference.
`;


interface Args {
  options: CheckOptions;
  paths: string[];
  json?: string;
  junit?: string;
  verbose: boolean;
  help: boolean;
}

export function parseCheckArgs(argv: string[]): Args {
  const options: CheckOptions = {
    mode: 'jit',
    jobs: availableParallelism(),
    compilers: { cc: process.env.CC || 'cc', cxx: process.env.CXX || 'c++' },
    timeoutMs: 120_000,
    maxSteps: 10_000,
    failLt: 1,
    update: false,
  };
  const a: Args = { options, paths: [], verbose: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`check: ${arg} needs a value (try 'jitdbg check --help')`);
      return v;
    };
    const number = (min: number) => {
      const v = value();
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n < min) throw new UsageError(`check: ${arg} needs a number of at least ${min}, got '${v}'`);
      return n;
    };
    if (arg === '--mode') {
      const m = value();
      if (m === 'jit' || m === 'native' || m === 'parity') options.mode = m;
      else throw new UsageError(`check: --mode is jit, native or parity, not '${m}'`);
    } else if (arg === '-j' || arg === '--jobs') options.jobs = Math.floor(number(1));
    else if (arg === '--cc') options.compilers.cc = value();
    else if (arg === '--cxx') options.compilers.cxx = value();
    else if (arg === '--cflags') options.cflags = [...(options.cflags ?? []), ...splitFlags(value())];
    else if (arg === '--fail-lt') options.failLt = number(0);
    else if (arg === '--timeout') options.timeoutMs = number(1) * 1000;
    else if (arg === '--max-steps') options.maxSteps = Math.floor(number(1));
    else if (arg === '--json') a.json = value();
    else if (arg === '--junit') a.junit = value();
    else if (arg === '--update') options.update = true;
    else if (arg === '--gdb') options.gdb = value();
    else if (arg === '-v' || arg === '--verbose') a.verbose = true;
    else if (arg === '-h' || arg === '--help') a.help = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`check: unknown option '${arg}' (try 'jitdbg check --help')`);
    else a.paths.push(arg);
  }
  if (!a.help && a.paths.length === 0) throw new UsageError(`check: no tests given (try 'jitdbg check --help')`);
  return a;
}

/** The test files: each FILE as given, and the sources under each DIR that hold directives, sorted. */
export function testFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new UsageError('no such file or directory', { file: path });
    }
    if (!stat.isDirectory()) return [path];
    const found = walk(path).filter((f) => isSource(f) && detectFormat(readFileSync(f, 'utf8')) !== undefined);
    if (found.length === 0) throw new UsageError('no tests in this directory (C or C++ sources with Dexter or DEBUGGER: directives)', { file: path });
    return found;
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((x, y) => (x.name < y.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

export const checkCommand: Command = {
  summary: 'run Dexter and llgdb debug-info tests under GDB, JIT-linked, native or both',
  async run(argv) {
    const a = parseCheckArgs(argv);
    const out = stdout();
    if (a.help) {
      out.write(HELP);
      return 0;
    }
    const files = testFiles(a.paths);
    // GDB runs in a session of its own, out of reach of the terminal's ^C: leaving through
    // process.exit runs the hook that ends every GDB and program still running (src/mi).
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(128 + constants.signals[signal]));
    const started = Date.now();
    const verbose = a.verbose || files.length === 1;
    const results = await check(files, a.options, (r) => out.write(textReport(r, verbose)));
    const seconds = (Date.now() - started) / 1000;
    out.write(summary(results, seconds));
    if (a.json) writeFileSync(a.json, json(results));
    if (a.junit) writeFileSync(a.junit, junit(results, seconds));
    return failed(results) ? 1 : 0;
  },
};
