// Programs with JIT registrations for the live reader's tests and benchmark, built from
// test/integration/live into a fresh directory, and GDB's view of them.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../fixtures/corpus.js';

const sources = join(root, 'test', 'integration', 'live');
export const cli = join(root, 'dist', 'src', 'cli', 'main.js');
export const host = join(root, 'dist', 'test', 'integration', 'jit-host.js');

export interface Built {
  dir: string;
  /** alpha.o, beta.o, delta.o: one function each, gcc -g. */
  modules: string[];
  /** waiter.o (clang-14 -g): main prints "ready PID" and reads stdin, for llvm-jitlink-14. */
  waiter: string;
  /** Two copies of jit-lib.c: each its own __jit_debug_descriptor. */
  libA: string;
  libB: string;
  cHost: string;
  /** self-host.c, its descriptor in the executable's .symtab only: a PIE and a fixed-address build. */
  selfHosts: { pie: string; fixed: string };
}

export function build(): Built {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-live-'));
  const cc = (compiler: string, args: string[]) => execFileSync(compiler, args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const modules = ['alpha', 'beta', 'delta'].map((m) => {
    cc('gcc', ['-g', '-O0', '-c', join(sources, `${m}.c`), '-o', `${m}.o`]);
    return join(dir, `${m}.o`);
  });
  cc('clang-14', ['-g', '-O0', '-c', join(sources, 'waiter.c'), '-o', 'waiter.o']);
  cc('gcc', ['-g', '-shared', '-fPIC', join(sources, 'jit-lib.c'), '-o', 'libjitA.so']);
  cc('cp', ['libjitA.so', 'libjitB.so']);
  cc('gcc', ['-g', join(sources, 'c-host.c'), '-o', 'c-host']);
  cc('gcc', ['-g', '-fPIE', '-pie', join(sources, 'self-host.c'), '-o', 'self-pie']);
  cc('gcc', ['-g', '-fno-PIE', '-no-pie', join(sources, 'self-host.c'), '-o', 'self-fixed']);
  return {
    dir, modules, waiter: join(dir, 'waiter.o'), libA: join(dir, 'libjitA.so'), libB: join(dir, 'libjitB.so'), cHost: join(dir, 'c-host'),
    selfHosts: { pie: join(dir, 'self-pie'), fixed: join(dir, 'self-fixed') },
  };
}

export interface Running {
  child: ChildProcess;
  pid: number;
  /** Closes stdin (the programs then exit) or kills, and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts a program that prints "ready PID" when its registrations are in place. */
export async function start(command: string, args: string[]): Promise<Running> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  while (!/ready (\d+)\n/.test(out)) {
    const [chunk] = await Promise.race([once(child.stdout!, 'data'), once(child, 'exit').then(() => { throw new Error(`${command} exited: ${out}`); })]);
    out += chunk;
  }
  const pid = Number(/ready (\d+)/.exec(out)![1]);
  return {
    child,
    pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface JitRow {
  entry: number;
  symfile: number;
  size: number;
}

/** `maint info jit` rows of GDB attached to `pid`, and the output of the other commands, after them. */
export function gdbAttached(pid: number, commands: string[] = []): { rows: JitRow[]; text: string } {
  const ex = ['set debuginfod enabled off', 'maint info jit', ...commands];
  const text = execFileSync('gdb', ['-nx', '-batch', '-p', String(pid), ...ex.flatMap((c) => ['-ex', c])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { rows: maintInfoJitRows(text), text };
}

/** The rows of `maint info jit` in GDB's output. */
export function maintInfoJitRows(text: string): JitRow[] {
  return [...text.matchAll(/^0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\d+)\s*$/gm)].map((m) => ({ entry: parseInt(m[1]!, 16), symfile: parseInt(m[2]!, 16), size: Number(m[3]) }));
}

/** `jitdbg ARGS`: status, stdout, stderr. */
export function jitdbg(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
