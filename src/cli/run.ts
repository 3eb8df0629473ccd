/**
 * `jitdbg run [--entry SYM] [--lib LIB]... [--timings] [--dump-images DIR] FILE... [-- ARGS...]`: links the objects
 * (C and C++ sources are compiled first, cached) into this process, calls the entry with
 * argc, argv and envp, flushes C stdio, runs the finalizers and exits with the entry's return value.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { LinkError } from '../link/errors.js';
import { environment, flushStdio, runThreadLocalDestructors } from '../native/libc.js';
import { JITSession } from '../session.js';
import { imageDumper } from './dump-images.js';
import type { Command } from './commands.js';
import { UsageError } from './errors.js';

const USAGE = 'usage: jitdbg run [--entry SYM] [--lib LIB]... [--timings] [--dump-images DIR] FILE... [-- ARGS...]';
const C_SOURCES = new Set(['.c']);
const CXX_SOURCES = new Set(['.cc', '.cpp', '.cxx', '.C']);

interface RunOptions {
  entry: string;
  libs: string[];
  timings: boolean;
  /** Where each module's debug image is written. */
  dumpImages?: string;
  files: string[];
  args: string[];
}

export function parseRunArgs(argv: string[]): RunOptions {
  const o: RunOptions = { entry: 'main', libs: [], timings: false, files: [], args: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--') {
      o.args = argv.slice(i + 1);
      break;
    } else if (a === '--entry') o.entry = value();
    else if (a === '--lib') o.libs.push(value());
    else if (a === '--timings') o.timings = true;
    else if (a === '--dump-images') o.dumpImages = value();
    else if (a === '-h' || a === '--help') throw new UsageError(USAGE);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else o.files.push(a);
  }
  if (o.files.length === 0) throw new UsageError(`no input files\n${USAGE}`);
  return o;
}

/** Compiles a C or C++ source with $CC/$CXX -g -c into a cache keyed by content, compiler and flags. */
function compiled(file: string): string {
  const ext = extname(file);
  const cxx = CXX_SOURCES.has(ext);
  if (!cxx && !C_SOURCES.has(ext)) return file;
  const compiler = (cxx ? process.env.CXX : process.env.CC) || (cxx ? 'c++' : 'cc');
  const flags = ['-g', '-c'];
  const source = readFileSync(file);
  const key = createHash('sha256').update(source).update('\0').update(resolve(file)).update('\0').update(compiler).update('\0').update(flags.join(' ')).digest('hex').slice(0, 24);
  const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'jitdbg', 'objects');
  const object = join(dir, `${key}.o`);
  if (existsSync(object)) return object;
  mkdirSync(dir, { recursive: true });
  const tmp = `${object}.${process.pid}.tmp`;
  try {
    execFileSync(compiler, [...flags, file, '-o', tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    throw new UsageError(`${file}: ${compiler} ${flags.join(' ')} failed`);
  }
  renameSync(tmp, object);
  return object;
}

export const run: Command = {
  summary: 'link objects (or C/C++ sources) into this process and call main',
  async run(argv) {
    const o = parseRunArgs(argv);
    const lines: string[] = [];
    const timed = <T>(phase: string, fn: () => T): T => {
      const t = process.hrtime.bigint();
      try {
        return fn();
      } finally {
        lines.push(`jitdbg: timing ${phase} ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(2)}`);
      }
    };
    const objects = timed('compile', () => o.files.map(compiled));
    let session: JITSession;
    let main: (...a: unknown[]) => unknown;
    try {
      ({ session, main } = timed('link-total', () => {
        const inputs = timed('read', () => objects.map((f, i) => ({ bytes: readFileSync(f), name: o.files[i]! })));
        const s = new JITSession({ libraries: o.libs, timer: timed, ...(o.dumpImages ? { registrar: imageDumper(o.dumpImages) } : {}) });
        s.addObjects(inputs);
        if (s.lookup(o.entry) === undefined) {
          s.dispose();
          throw new LinkError('the entry point is not defined', { symbol: o.entry });
        }
        return { session: s, main: s.function(o.entry, 'int', ['int', 'const char **', 'void *']) };
      }));
    } catch (e) {
      if (!(e instanceof LinkError)) throw e;
      process.stderr.write(`jitdbg: ${e.message}\n`);
      return 1;
    }
    if (o.timings) process.stderr.write(`${lines.join('\n')}\n`);
    const argv0 = o.files[0]!;
    // main(argc, argv, envp): a main of one or two parameters ignores the rest, as under crt1.
    const code = main(1 + o.args.length, [argv0, ...o.args, null], environment()) as number;
    // What exit() would do, before the modules' code goes: thread_local destructors of this
    // thread, then static destructors (the modules' __cxa_finalize and .fini_array).
    runThreadLocalDestructors();
    flushStdio();
    session.dispose();
    flushStdio();
    return code & 0xff;
  },
};
