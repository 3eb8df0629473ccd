/**
 * `jitdbg run [options] FILE... [-- ARGS...]`: links the objects (C and C++ sources are
 * compiled first, cached) into this process, calls the entry with argc, argv and envp, flushes
 * C stdio, runs the finalizers and exits with the entry's return value.
 */
import { readFileSync } from 'node:fs';
import { LinkError, UndefinedSymbolError } from '../link/errors.js';
import { InProcessTarget } from '../native/target.js';
import { JITSession, type JITSessionOptions } from '../session.js';
import type { Target } from '../target/types.js';
import type { ExecutorTarget } from '../executor/target.js';
import { ExecutorError, type ProcessExit } from '../target/errors.js';
import { constants } from 'node:os';
import { untimed } from '../link/link.js';
import type { Command } from './commands.js';
import { isSource } from '../check/build.js';
import type { CompileOptions } from './compile.js';
import { imageDumper } from './dump-images.js';
import { UsageError } from './errors.js';
import { splitFlags } from './flags.js';
import { stdout } from './output.js';
import { checkFile } from './input.js';

export const RUN_OPTIONS = `  --entry SYM         call SYM instead of main
  --lib LIB           load the shared library LIB (e.g. libz.so.1, or a path) and resolve
                      against it before the process's own symbols; repeatable
  --cflags FLAGS      compiler flags for the sources, after -g and $CFLAGS or $CXXFLAGS
                      (e.g. --cflags "-O2 -Iinclude -DNDEBUG"); repeatable
  --timings           print the time of each phase (compile, parse, resolve, layout, ...) on stderr
  --dump-images DIR   also write each debug image to DIR/<module>.elf
  --executor WHERE    link here, run in an executor process: 'spawn' starts one (a child with
                      this terminal), HOST:PORT connects to 'jitdbg executor --listen'
  --token-file F      the token file of the executor at HOST:PORT
`;

const HELP = `usage: jitdbg run [options] FILE... [-- ARGS...]

Links relocatable objects (.o) and C or C++ sources (.c, .cc, .cpp, .cxx: compiled first with
$CC or $CXX -g -c, cached) into this Node process (or, with --executor, into an executor
process), registers their debug information with GDB's JIT interface there, calls main(argc, argv, envp) with FILE as argv[0] and ARGS after it, runs
the static destructors and exits with main's status.

options:
${RUN_OPTIONS}  -h, --help          this text

environment: CC, CXX (default cc, c++), CFLAGS, CXXFLAGS; XDG_CACHE_HOME (compiled objects
go to $XDG_CACHE_HOME/jitdbg/objects, default ~/.cache/jitdbg/objects).
`;

export interface RunOptions {
  entry: string;
  libs: string[];
  cflags: string[];
  timings: boolean;
  /** Where each module's debug image is written. */
  dumpImages?: string;
  /** 'spawn' or HOST:PORT: where the program runs, when not in this process. */
  executor?: string;
  tokenFile?: string;
  files: string[];
  args: string[];
  help: boolean;
}

export function parseRunArgs(argv: string[]): RunOptions {
  const o: RunOptions = { entry: 'main', libs: [], cflags: [], timings: false, files: [], args: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`run: ${a} needs a value (try 'jitdbg run --help')`);
      return v;
    };
    if (a === '--') {
      o.args = argv.slice(i + 1);
      break;
    } else if (a === '--entry') o.entry = value();
    else if (a === '--lib') o.libs.push(value());
    else if (a === '--cflags') o.cflags.push(...splitFlags(value()));
    else if (a === '--timings') o.timings = true;
    else if (a === '--dump-images') o.dumpImages = value();
    else if (a === '--executor') o.executor = value();
    else if (a === '--token-file') o.tokenFile = value();
    else if (a === '-h' || a === '--help') o.help = true;
    else if (a.startsWith('-')) throw new UsageError(`run: unknown option '${a}' (program arguments go after --; try 'jitdbg run --help')`);
    else o.files.push(a);
  }
  if (o.help) return o;
  if (o.files.length === 0) throw new UsageError(`run: no input files (try 'jitdbg run --help')`);
  if (o.executor !== undefined && o.executor !== 'spawn' && !/^.+:\d+$/.test(o.executor)) throw new UsageError(`run: --executor takes 'spawn' or HOST:PORT, not '${o.executor}'`);
  if (o.tokenFile !== undefined && (o.executor === undefined || o.executor === 'spawn')) throw new UsageError('run: --token-file goes with --executor HOST:PORT');
  if (o.executor !== undefined && o.executor !== 'spawn' && o.tokenFile === undefined) throw new UsageError(`run: --executor ${o.executor} needs --token-file (the file the executor wrote its token to)`);
  return o;
}

/**
 * Every input must be a readable file. A missing one after the first is most likely meant for
 * the program: say where program arguments go.
 */
export function checkInputs(files: readonly string[]): void {
  files.forEach((file, i) => {
    const argument = i > 0 && !isSource(file) && !file.endsWith('.o');
    checkFile(file, argument ? ` (program arguments go after --: jitdbg run ${files.slice(0, i).join(' ')} -- ${files.slice(i).join(' ')})` : '');
  });
}

export const run: Command = {
  summary: 'link objects (or C/C++ sources) into this process (or an executor) and call main',
  async run(argv) {
    const o = parseRunArgs(argv);
    if (o.help) {
      stdout().write(HELP);
      return 0;
    }
    checkInputs(o.files);
    const lines: string[] = [];
    const timed = <T>(phase: string, fn: () => T): T => {
      const t = process.hrtime.bigint();
      try {
        return fn();
      } finally {
        lines.push(`jitdbg: timing ${phase} ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(2)}`);
      }
    };
    // An executor starts while the sources compile.
    const opening = o.executor === undefined ? undefined : openExecutor(o.executor, o.tokenFile, o.libs);
    opening?.catch(() => {}); // awaited below; a failure to compile comes first
    let executor: ExecutorTarget | undefined;
    try {
      const compile = await compiler(o.files);
      const objects = timed('compile', () => o.files.map((f) => compile(f, { flags: o.cflags })));
      executor = await opening;
      const target = executor ?? new InProcessTarget({ libraries: o.libs });
      const session = await withLibraryHint(() => timed('link-total', () => linkProgram(o, objects, target, {
        timer: timed,
        ...(o.dumpImages ? { registrar: imageDumper(o.dumpImages, target) } : {}),
      })));
      if (o.timings) process.stderr.write(`${lines.join('\n')}\n`);
      let code: number;
      try {
        code = (await callMain(o, session, target)) & 0xff;
      } catch (e) {
        if (e instanceof ExecutorError && e.exit) return programEnded(e, e.exit);
        throw e;
      }
      await executor?.exit(code);
      return code;
    } finally {
      await (executor ?? (await opening?.catch(() => undefined)))?.close();
    }
  },
};

/**
 * The executor ended while the program ran: the program called exit (its status is this
 * command's, as natively), or died by a signal (said, then this process dies by the same one).
 */
function programEnded(e: ExecutorError, exit: ProcessExit): number {
  if (exit.signal === null) return exit.code ?? 1;
  process.stderr.write(`jitdbg: ${e.message}\n`);
  process.kill(process.pid, exit.signal);
  return 128 + (constants.signals[exit.signal] ?? 0);
}

/** An executor: spawned (`spawn`), or listening at HOST:PORT with the token in its token file. */
export async function openExecutor(executor: string, tokenFile: string | undefined, libraries: readonly string[]): Promise<ExecutorTarget> {
  const { ExecutorTarget } = await import('../executor/target.js');
  if (executor === 'spawn') return ExecutorTarget.spawn({ libraries });
  const token = readFileSync(tokenFile!, 'utf8').split('\n')[0]!.trim();
  return ExecutorTarget.connect(executor, token, { libraries });
}

/**
 * main(argc, argv, envp) in the target, then what exit() does before the modules' code goes:
 * the calling thread's thread_local destructors (glibc's __call_tls_dtors), C stdio flushed,
 * static destructors (each module's __cxa_finalize and .fini_array). Returns main's value.
 */
export async function callMain(o: RunOptions, session: JITSession, target: Target): Promise<number> {
  const main = session.function(o.entry, 'int', ['int', 'const char **', 'void *']);
  // A main of one or two parameters ignores the rest, as under crt1. envp is the target's environ.
  const environ = target.lookup('environ');
  const envp = environ === undefined ? null : Number(new DataView(target.read(environ, 8).slice().buffer).getBigUint64(0, true));
  const code = (await main(1 + o.args.length, [o.files[0]!, ...o.args, null], envp)) as number;
  const run = target.run!.bind(target);
  const tlsDestructors = target.lookup('__call_tls_dtors');
  if (tlsDestructors !== undefined) run(tlsDestructors);
  const fflush = target.lookup('fflush')!;
  run(fflush, [0]);
  session.dispose();
  run(fflush, [0]);
  return code;
}

/**
 * The object of each file: `compiled` from compile.js when a file is a C or C++ source, else the
 * file itself. compile.js loads only then: it needs node:crypto and node:child_process, which
 * take longer to load than a small program takes to link.
 */
async function compiler(files: readonly string[]): Promise<(file: string, options: CompileOptions) => string> {
  return files.some(isSource) ? (await import('./compile.js')).compiled : (file) => file;
}

/** The session of the program's modules, linked into `target`, with the entry point checked. */
function linkProgram(o: RunOptions, objects: readonly string[], target: Target, options: Pick<JITSessionOptions, 'timer' | 'registrar'>): JITSession {
  const time = options.timer ?? untimed;
  const inputs = time('read', () => objects.map((f, i) => ({ bytes: readFileSync(f), name: o.files[i]! })));
  const session = new JITSession({ target, ...options });
  session.addObjects(inputs);
  if (session.lookup(o.entry) === undefined) {
    session.dispose();
    throw new LinkError('the entry point is not defined', { symbol: o.entry });
  }
  return session;
}

/** The program's files compiled (cached) and linked into `target`. */
export async function linkInto(o: RunOptions, target: Target): Promise<JITSession> {
  const compile = await compiler(o.files);
  const objects = o.files.map((f) => compile(f, { flags: o.cflags }));
  return withLibraryHint(() => linkProgram(o, objects, target, {}));
}

/**
 * What `jitdbg run` would say of its files, said without running them (for `jitdbg gdb`, before
 * GDB starts): they are compiled and linked into this process, in a target that runs no code and
 * tells no debugger, then released.
 */
export async function checkProgram(o: RunOptions): Promise<void> {
  const compile = await compiler(o.files);
  const objects = o.files.map((f) => compile(f, { flags: o.cflags }));
  const host = new InProcessTarget({ libraries: o.libs });
  const quiet: Target = {
    memory: host.memory,
    read: host.read,
    lookup: (name) => host.lookup(name),
    farReference: (address) => host.farReference(address),
    threadLocal: (image) => host.threadLocal(image),
    registerFrames: () => ({ dispose() {} }),
    registrar: () => undefined,
  };
  (await withLibraryHint(() => linkProgram(o, objects, quiet, { registrar: null }))).dispose();
}

/**
 * What `link` returns; its UndefinedSymbolError with `--lib` suggested for the names a system
 * library defines. library-hint.js loads on that error only (it runs ldconfig).
 */
async function withLibraryHint<T>(link: () => T): Promise<T> {
  try {
    return link();
  } catch (e) {
    if (!(e instanceof UndefinedSymbolError)) throw e;
    const hint = (await import('./library-hint.js')).libraryHint(e.symbols);
    throw hint ? new LinkError(`${e.reason}; ${hint}`, e.where) : e;
  }
}
