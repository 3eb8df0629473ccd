/**
 * Runs tests: each source read, its format detected and its directives parsed, its program
 * built once, then run under GDB in each mode asked for (one GDB at a time per test, `jobs`
 * tests at a time), each trace judged by the format, and in parity mode the two traces compared.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { acceptedFlags, build, BuildError, isCxx, isSource, type Compilers } from './build.js';
import { BudgetExceeded, StartFailed } from './debugger.js';
import { DirectiveError, type FormatName, type ParsedTest, type Trace } from './format.js';
import { detectFormat } from './formats.js';
import { GdbDebugger } from './gdb.js';
import { MiError } from '../mi/index.js';
import { differences, type Difference } from './parity.js';

export type Mode = 'native' | 'jit';

export interface CheckOptions {
  /** parity: both modes run, and their traces are compared. */
  mode: Mode | 'parity';
  jobs: number;
  compilers: Compilers;
  /** --cflags: replaces the test's own flags and the default. */
  cflags?: string[];
  /** Each run's time budget and step budget. */
  timeoutMs: number;
  maxSteps: number;
  /** The command format's pass mark (Dexter's --fail-lt). */
  failLt: number;
  /** Write observed values into the tests' placeholders. */
  update: boolean;
  gdb?: string;
}

export type Status = 'pass' | 'fail' | 'error';

export interface TestResult {
  file: string;
  format: FormatName | undefined;
  mode: Mode;
  status: Status;
  reason?: string;
  metrics: Record<string, number>;
  report: string;
  notes: string[];
  seconds: number;
}

export interface FileResult {
  file: string;
  results: TestResult[];
  differences: Difference[];
  /** --update wrote the file. */
  updated: boolean;
}

export const DEFAULT_FLAGS = ['-g', '-O0'];

/** Checks each file, `jobs` at a time; `onFile` sees each file's results in the order given. */
export async function check(files: readonly string[], o: CheckOptions, onFile: (r: FileResult) => void): Promise<FileResult[]> {
  const pending = files.map(() => deferred<FileResult>());
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      pending[i]!.resolve(await checkFile(resolve(files[i]!), o));
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(o.jobs, files.length)) }, worker);
  const results: FileResult[] = [];
  for (const p of pending) {
    const r = await p.promise;
    onFile(r);
    results.push(r);
  }
  await Promise.all(workers);
  return results;
}

async function checkFile(file: string, o: CheckOptions): Promise<FileResult> {
  const started = Date.now();
  const modes: Mode[] = o.mode === 'parity' ? ['native', 'jit'] : [o.mode];
  const all = (status: Status, reason: string, format?: FormatName, notes: string[] = []): FileResult => ({
    file,
    results: modes.map((mode) => ({ file, format, mode, status, reason, metrics: {}, report: '', notes, seconds: (Date.now() - started) / 1000 })),
    differences: [],
    updated: false,
  });

  const text = readFileSync(file, 'utf8');
  const format = detectFormat(text);
  if (!format) return all('error', 'no Dexter script, Dexter commands or DEBUGGER: lines found');
  let test: ParsedTest;
  try {
    test = format.parse({ path: file, text }, { failLt: o.failLt });
  } catch (e) {
    if (e instanceof DirectiveError) return all('fail', e.message, format.name);
    throw e;
  }
  const notes = [...test.notes];
  let flags = o.cflags ?? DEFAULT_FLAGS;
  if (!o.cflags && test.flags.length > 0) {
    const compiler = isCxx(file) ? o.compilers.cxx : o.compilers.cc;
    const { flags: taken, rejected } = await acceptedFlags(compiler, file, test.flags);
    if (rejected.length > 0) notes.push(`${compiler} does not accept ${rejected.join(' ')}: left out`);
    flags = withDebugInfo(taken);
  }
  const dir = temporaryDirectory();
  try {
    const sources = [file, ...test.extraSources.filter((s) => s !== file && isSource(s))];
    let program;
    try {
      program = await build(sources, flags, o.compilers, dir, modes.includes('native'));
    } catch (e) {
      if (e instanceof BuildError) return all('error', e.message, format.name, notes);
      throw e;
    }
    const results: TestResult[] = [];
    const traces = new Map<Mode, Trace>();
    for (const mode of modes) {
      const t0 = Date.now();
      const { trace, broken } = await record(test, mode, mode === 'native' ? [program.exe] : program.objects, [file, ...test.extraSources], dir, o);
      traces.set(mode, trace);
      const verdict = test.judge(trace);
      const failed = broken ?? trace.aborted ?? (verdict.pass ? undefined : verdict.reason ?? 'the expectations were not met');
      results.push({
        file,
        format: format.name,
        mode,
        status: broken ? 'error' : failed ? 'fail' : 'pass',
        ...(failed ? { reason: failed } : {}),
        // steps: what the run recorded (stops, or commands for llgdb), whatever the format.
        metrics: { ...verdict.metrics, steps: trace.steps.length },
        report: verdict.report,
        notes,
        seconds: (Date.now() - t0) / 1000,
      });
    }
    const native = traces.get('native');
    const jit = traces.get('jit');
    // A run that could not happen (status error) has nothing to compare.
    const diffs = o.mode === 'parity' && native && jit && results.every((r) => r.status !== 'error') ? differences(file, native, jit) : [];
    let updated = false;
    if (o.update && test.update) {
      const text2 = test.update(native ?? jit!);
      if (text2 !== undefined && text2 !== text) {
        writeFileSync(file, text2);
        updated = true;
      }
    }
    return { file, results, differences: diffs, updated };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    directories.delete(dir);
  }
}

/** The build directories in use: removed when this process exits, even mid-run (^C, a closed pipe). */
const directories = new Set<string>();
let exitHooked = false;

function temporaryDirectory(): string {
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => directories.forEach((d) => rmSync(d, { recursive: true, force: true })));
  }
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-check-'));
  directories.add(dir);
  return dir;
}

/**
 * One run under GDB: the trace, ended early (trace.aborted) when the run went over its budget,
 * or `broken` when it could not happen (the program never reached its entry, GDB failed). GDB and everything it started are always ended.
 */
async function record(test: ParsedTest, mode: Mode, program: string[], sources: string[], dir: string, o: CheckOptions): Promise<{ trace: Trace; broken?: string }> {
  let debugger_: GdbDebugger | undefined;
  try {
    debugger_ = await GdbDebugger.open({
      mode,
      program,
      args: test.args,
      sources,
      cwd: dirname(sources[0]!),
      output: join(dir, `${mode}.out`),
      deadline: Date.now() + o.timeoutMs,
      maxSteps: o.maxSteps,
      ...(o.gdb ? { gdb: o.gdb } : {}),
    });
    return { trace: await test.record(debugger_, { maxSteps: o.maxSteps }) };
  } catch (e) {
    if (e instanceof BudgetExceeded) return { trace: { steps: [], aborted: e.message } };
    if (e instanceof StartFailed) return { trace: { steps: [] }, broken: e.message };
    if (e instanceof MiError) return { trace: { steps: [] }, broken: `GDB failed: ${e.message}` };
    // Anything else is jitdbg's own bug: said as one, and the other tests still run.
    return { trace: { steps: [] }, broken: `internal error (a bug in jitdbg check): ${e instanceof Error ? e.stack : String(e)}` };
  } finally {
    await debugger_?.close();
  }
}

/** A test's own flags, with -g added when they have no -g of their own. */
function withDebugInfo(flags: string[]): string[] {
  return flags.some((f) => f.startsWith('-g')) ? flags : ['-g', ...flags];
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
