// GDB driven through src/mi over the same objects linked natively (gcc/g++ -no-pie) and linked by
// `jitdbg run` inside Node: what a scenario observes must be the same in both.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETUP } from '../../src/check/gdb.js';
import { MiSession, toMiFrame, type MiFrame, type MiTuple, type StopEvent } from '../../src/mi/index.js';
import { root } from '../fixtures/corpus.js';

export const cli = join(root, 'dist', 'src', 'cli', 'main.js');

export interface Program {
  name: string;
  variant: string;
  objects: string[];
  exe: string;
}

export function program(name: string): Program {
  const programs: Program[] = JSON.parse(readFileSync(join(root, '.cache', 'fixtures', 'manifest.json'), 'utf8')).programs;
  const p = programs.find((x) => x.name === name);
  if (!p) throw new Error(`no program ${name} in the fixtures`);
  return p;
}

/** GDB's arguments for a program: the native executable, or `node jitdbg run OBJECTS`. */
export type Target = { label: 'native' | 'jit' | 'executor'; args: string[] };

export function targets(p: Program, args: string[] = []): Target[] {
  return [
    { label: 'native', args: ['--args', p.exe, ...args] },
    { label: 'jit', args: jitArgs(p.objects, args) },
  ];
}

export function jitArgs(objects: string[], args: string[] = []): string[] {
  return ['--args', process.execPath, cli, 'run', ...objects, '--', ...args];
}

/**
 * GDB on an executor (`jitdbg executor --listen 0`) instead of on `jitdbg run`: what `jitdbg gdb
 * --executor spawn` does. Each time GDB starts the executor, a controller (`jitdbg run --executor
 * HOST:PORT` on `objects`, a process of its own) connects, links and calls main in it; the
 * executor exits with main's status.
 */
export async function withExecutorGdb<T>(objects: string[], args: string[], body: (g: Gdb) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-gdb-exec-'));
  const tokenFile = join(dir, 'token');
  const controllers: ChildProcess[] = [];
  let running = true;
  const serve = (async () => {
    while (running) {
      if (!existsSync(tokenFile)) {
        await new Promise((r) => setTimeout(r, 25));
        continue;
      }
      const [, address] = readFileSync(tokenFile, 'utf8').split('\n');
      const taken = join(dir, `token-${controllers.length}`);
      renameSync(tokenFile, taken);
      controllers.push(spawn(process.execPath, [cli, 'run', '--executor', address!, '--token-file', taken, ...objects, '--', ...args], { stdio: 'ignore' }));
    }
  })();
  try {
    return await withGdb(['--args', process.execPath, cli, 'executor', '--listen', '0', '--token-file', tokenFile], body, 'executor');
  } finally {
    running = false;
    await serve;
    for (const c of controllers) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A `jitdbg executor --listen 0` of this machine, for a debugger to attach to: its address and token file, what it printed, its end. */
export interface ListeningExecutor {
  address: string;
  tokenFile: string;
  printed(): string;
  ended: Promise<number | null>;
}

/** Runs `body` with an executor listening on a loopback port; kills it and removes its token file after. */
export async function withListeningExecutor<T>(body: (e: ListeningExecutor) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-listening-'));
  const tokenFile = join(dir, 'token');
  const executor = spawn(process.execPath, [cli, 'executor', '--listen', '0', '--token-file', tokenFile], { stdio: ['ignore', 'pipe', 'ignore'] });
  let printed = '';
  executor.stdout!.on('data', (d: Buffer) => { printed += d.toString(); });
  const ended = new Promise<number | null>((resolve) => executor.once('exit', resolve));
  try {
    for (let i = 0; i < 400 && !existsSync(tokenFile); i++) await new Promise((r) => setTimeout(r, 25));
    const address = readFileSync(tokenFile, 'utf8').split('\n')[1]!;
    return await body({ address, tokenFile, printed: () => printed, ended });
  } finally {
    executor.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The settings and script `jitdbg gdb` uses, so that GDB on Node behaves as on a small program;
 * MI applies frame filters only when asked. The native program gets them too: they must change
 * nothing there.
 */
export { SETUP };

/**
 * Starts GDB with `args`, applies SETUP, runs `body`, and always closes GDB. `target` says how
 * breakpoints are set: as `jitdbg gdb --break` sets them, or GDB's own `break` on the native program.
 */
export async function withGdb<T>(args: string[], body: (g: Gdb) => Promise<T>, target: Target['label'] = 'jit'): Promise<T> {
  const s = await MiSession.start({ args, timeoutMs: 60_000 });
  try {
    for (const c of SETUP) await s.console(c);
    await s.command('-enable-frame-filters');
    return await body(new Gdb(s, target));
  } finally {
    await s.close();
  }
}

/** The function name of the line gdb-scripts/jitdbg/jit_code.py shows for the host frames below the JIT'd entry. */
export const HOST_FRAMES = /^<\d+ host frames? elided/;

/** A frame as a user compares it: function, source file and line. */
export interface Place {
  func: string | undefined;
  file: string | undefined;
  line: number | undefined;
}

export function place(f: MiFrame | undefined): Place {
  return { func: f?.func, file: f?.file, line: f?.line };
}

/** Addresses differ between the two links; everything else printed must not. */
export function normal(text: string): string {
  return text.replace(/0x[0-9a-f]+/g, '0x…');
}

/** The MI session with the few verbs the scenarios use. */
export class Gdb {
  constructor(readonly mi: MiSession, readonly target: Target['label'] = 'jit') {}

  console(command: string): Promise<string> {
    return this.mi.console(command);
  }

  /** Runs an execution command (`-exec-run`, `-exec-continue`, `-exec-step`...) and waits for the stop. */
  async exec(command: string): Promise<StopEvent> {
    await this.mi.command(command);
    return this.mi.waitForStop();
  }

  /** Sets a breakpoint: `jitdbg-break` (gdb-scripts/jitdbg/jit_code.py) under jitdbg or on an executor, GDB's `break` natively. */
  async break(location: string): Promise<void> {
    if (this.target !== 'native') await this.mi.console(`jitdbg-break ${location}`);
    else await this.mi.command(`-break-insert -f ${location}`);
  }

  async deleteBreakpoints(): Promise<void> {
    await this.mi.console('delete');
  }

  /** The stack as `bt` shows it, the line standing for the elided host frames left out. */
  async backtrace(): Promise<Place[]> {
    const stack = (await this.mi.command('-stack-list-frames')).results.stack as MiTuple[];
    return stack.map(toMiFrame).filter((f) => !HOST_FRAMES.test(f.func ?? '')).map(place);
  }

  /** An expression's value as GDB prints it, addresses masked. */
  async value(expression: string): Promise<string> {
    return normal(await this.console(`output ${expression}`));
  }
}
