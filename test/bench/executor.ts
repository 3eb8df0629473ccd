// `npm run bench -- executor`: what running the code in another process (an ExecutorTarget, a
// spawned `jitdbg executor`) costs against running it in this one, measured in the same run;
// each figure a median over runs after a warm-up. The sqlite objects are the sqlite driver's
// (its main and sqlite3.o, as the link and cli groups take them).
//   executor.spawn_ms                       ExecutorTarget.spawn() called until its handshake is answered
//                                           (the executors of the link runs)
//   executor.idle_rss_mb                    a spawned executor's VmRSS after the handshake, before any link
//   executor.sqlite.inprocess_link_ms       addObjects of the sqlite driver and sqlite3.o in this process
//                                           (debug image registered, initializers run)
//   executor.sqlite.executor_link_ms        the same addObjects over an ExecutorTarget: linked here, shipped
//                                           and registered there (spawn excluded; a fresh executor per run,
//                                           as `jitdbg run --executor spawn` has)
//   executor.sqlite.link_ratio              executor_link_ms / inprocess_link_ms (interleaved runs)
//   executor.sqlite.executor_relink_ms      a second such addObjects into the same executor (its symbol
//                                           lookups cached, its registration library loaded)
//   executor.run_sqlite.process_ms          the whole `jitdbg run --executor spawn <sqlite objects>`
//   executor.run_sqlite.inprocess_process_ms  the whole `jitdbg run <sqlite objects>`
//   executor.run_sqlite.process_ratio       process_ms / inprocess_process_ms
//   executor.calls_per_s                    awaited round trips per second of `int id(int)` in the executor
//   executor.call_us                        microseconds per such round trip
//   executor.inprocess_calls_per_s          calls per second of the same function linked in this process
//                                           (plain synchronous calls)
//   executor.gdb_first_break_s              `jitdbg gdb --executor spawn --break fact fact.O0.o` started, GDB
//                                           told `run`, until its breakpoint-hit line
//   executor.gdb_inprocess_first_break_s    the same without --executor (GDB runs `jitdbg run`)
//   executor.gdb_first_break_ratio          gdb_first_break_s / gdb_inprocess_first_break_s (interleaved)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutorTarget } from '../../src/executor/target.js';
import { JITSession } from '../../src/session.js';
import { root } from '../fixtures/corpus.js';
import { sqliteDriverObjects } from './link.js';
import { commandMs, figure, median } from './measure.js';

const RUNS = 7;
const LINK_RUNS = 9;
const GDB_RUNS = 5;
const CALLS = 5000;
const bin = join(root, 'dist', 'src', 'cli', 'main.js');

const now = (): bigint => process.hrtime.bigint();
const msSince = (t: bigint): number => Number(now() - t) / 1e6;

function readInputs(objects: string[]): { bytes: Uint8Array; name: string }[] {
  return objects.map((f) => ({ bytes: readFileSync(f), name: f }));
}

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
}

/** A spawned executor, with the time its spawn took. */
async function spawned(): Promise<{ target: ExecutorTarget; ms: number }> {
  const t = now();
  const target = await ExecutorTarget.spawn();
  // The handshake completes on first use: the pid is its answer.
  if (!(target.pid > 0)) throw new Error('the executor has no pid');
  return { target, ms: msSince(t) };
}

/** Milliseconds of addObjects of the objects into a new session over `target` (default: this process). */
function linkMs(objects: string[], target?: ExecutorTarget): number {
  const inputs = readInputs(objects);
  const session = new JITSession(target ? { target } : {});
  try {
    const t = now();
    session.addObjects(inputs);
    return msSince(t);
  } finally {
    session.dispose();
  }
}

/** Link times in and out of process, interleaved; spawn times and idle RSS of the executors used. */
async function linkFigures(): Promise<void> {
  const objects = sqliteDriverObjects();
  const spawns: number[] = [];
  const rss: number[] = [];
  const inProcess: number[] = [];
  const executor: number[] = [];
  const relink: number[] = [];
  // Run 0 is the warm-up of both.
  for (let i = 0; i <= LINK_RUNS; i++) {
    const { target, ms } = await spawned();
    try {
      spawns.push(ms);
      rss.push(rssMb(target.pid));
      const a = linkMs(objects);
      const b = linkMs(objects, target);
      const c = linkMs(objects, target);
      if (i > 0) {
        inProcess.push(a);
        executor.push(b);
        relink.push(c);
      }
    } finally {
      await target.close();
    }
  }
  figure('executor.spawn_ms', median(spawns), 'ms');
  figure('executor.idle_rss_mb', median(rss), 'MB');
  const ours = median(executor);
  const theirs = median(inProcess);
  figure('executor.sqlite.inprocess_link_ms', theirs, 'ms');
  figure('executor.sqlite.executor_link_ms', ours, 'ms');
  figure('executor.sqlite.link_ratio', ours / theirs, 'x');
  figure('executor.sqlite.executor_relink_ms', median(relink), 'ms');
}

/** Whole `jitdbg run` processes over the sqlite driver, with and without a spawned executor. */
function processFigures(): void {
  const objects = sqliteDriverObjects();
  // The driver ends with status 1, by design.
  const executor = commandMs(bin, ['run', '--executor', 'spawn', ...objects], RUNS, 1);
  const inProcess = commandMs(bin, ['run', ...objects], RUNS, 1);
  figure('executor.run_sqlite.process_ms', executor, 'ms');
  figure('executor.run_sqlite.inprocess_process_ms', inProcess, 'ms');
  figure('executor.run_sqlite.process_ratio', executor / inProcess, 'x');
}

/** Round trips of a trivial call, awaited one after another, and the same calls in process. */
async function callFigures(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-bench-'));
  try {
    writeFileSync(join(dir, 'id.c'), 'int id(int x) { return x; }\n');
    execFileSync('gcc', ['-O2', '-c', 'id.c'], { cwd: dir });
    const inputs = readInputs([join(dir, 'id.o')]);

    const target = await ExecutorTarget.spawn();
    try {
      const session = new JITSession({ target });
      session.addObjects(inputs);
      const id = session.function('id', 'int', ['int']);
      for (let i = 0; i < 500; i++) await id(i);
      const t = now();
      for (let i = 0; i < CALLS; i++) {
        if ((await id(i)) !== i) throw new Error(`id(${i}) in the executor returned something else`);
      }
      const s = msSince(t) / 1000;
      figure('executor.calls_per_s', CALLS / s, '/s');
      figure('executor.call_us', (s * 1e6) / CALLS, 'us');
      session.dispose();
    } finally {
      await target.close();
    }

    const session = new JITSession();
    try {
      session.addObjects(readInputs([join(dir, 'id.o')]));
      const id = session.function('id', 'int', ['int']);
      const n = 200 * CALLS;
      for (let i = 0; i < CALLS; i++) id(i);
      const t = now();
      let sum = 0;
      for (let i = 0; i < n; i++) sum += id(i & 0xffff) as number;
      const s = msSince(t) / 1000;
      if (sum === 0) throw new Error('id returned zeros in process');
      figure('executor.inprocess_calls_per_s', n / s, '/s');
    } finally {
      session.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HIT = /hit Breakpoint|Breakpoint \d+(\.\d+)?, fact/;

/**
 * Seconds from starting `jitdbg gdb ARGS` (GDB told `run` on stdin) until the breakpoint-hit
 * line is on its stdout; then `kill` and `quit`, and the whole process group is waited for.
 */
function firstBreakS(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = now();
    const child = spawn(bin, ['gdb', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    let hit: number | undefined;
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
      reject(new Error(`jitdbg gdb ${args.join(' ')}: no breakpoint hit in 60 s\n${out.slice(-2000)}\n${err.slice(-2000)}`));
    }, 60_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      out += s;
      if (hit === undefined && HIT.test(out)) {
        hit = msSince(t) / 1000;
        child.stdin.end('kill\nquit\n');
      }
    });
    child.stderr.on('data', (s: string) => { err += s; });
    child.stdin.on('error', () => {});
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (hit === undefined) reject(new Error(`jitdbg gdb ${args.join(' ')} exited (${code}) without hitting the breakpoint\n${out.slice(-2000)}\n${err.slice(-2000)}`));
      else resolve(hit);
    });
    child.stdin.write('set width 0\nrun\n');
  });
}

async function gdbFigures(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(root, '.cache', 'fixtures', 'manifest.json'), 'utf8'));
  const fact: string[] = manifest.programs.find((p: { name: string }) => p.name === 'fact.O0').objects;
  const executor: number[] = [];
  const inProcess: number[] = [];
  // Run 0 is the warm-up of both (the page cache, GDB's index of node).
  for (let i = 0; i <= GDB_RUNS; i++) {
    const a = await firstBreakS(['--executor', 'spawn', '--break', 'fact', ...fact]);
    const b = await firstBreakS(['--break', 'fact', ...fact]);
    if (i > 0) {
      executor.push(a);
      inProcess.push(b);
    }
  }
  const ours = median(executor);
  const theirs = median(inProcess);
  figure('executor.gdb_first_break_s', ours, 's');
  figure('executor.gdb_inprocess_first_break_s', theirs, 's');
  figure('executor.gdb_first_break_ratio', ours / theirs, 'x');
}

export async function executor(): Promise<void> {
  await linkFigures();
  processFigures();
  await callFigures();
  await gdbFigures();
}
