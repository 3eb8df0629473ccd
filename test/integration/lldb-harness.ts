// LLDB (lldb-14, driven in batch mode: `lldb -b -o ...`) over a corpus program linked natively
// and over the same objects linked by `jitdbg run` inside Node. A scenario is the list of LLDB
// commands it types; the `probe` commands among them (test/integration/lldb_probe.py) print what
// LLDB shows as JSON, and the two runs must print the same.
import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { LLDB_SCRIPT, defaultLldb, lldbEnvironment } from '../../src/cli/lldb.js';
import { root } from '../fixtures/corpus.js';
import { jitArgs, type Program } from './gdb-harness.js';

export const LLDB = defaultLldb();
/** Asked once: `lldb -P` is a process of its own. */
const ENV = lldbEnvironment(LLDB);
const PROBE = join(root, 'test', 'integration', 'lldb_probe.py');

export type Mode = 'native' | 'jit';

/** What a scenario types; `brk(loc)` sets a breakpoint as `jitdbg lldb --break` does, or LLDB's `b` natively. */
export type Commands = (brk: (location: string) => string, mode: Mode) => string[];

/** The program's command line under LLDB: the executable, or `node jitdbg run OBJECTS`. */
export function programArgs(p: Program, mode: Mode, args: string[] = []): string[] {
  return mode === 'native' ? [p.exe, ...args] : jitArgs(p.objects, args).slice(1);
}

/**
 * Runs LLDB on `program` (its command line) with jitdbg's LLDB script and the probe loaded,
 * types `commands`, and returns the probes' values in order, with LLDB's whole output for
 * messages. LLDB's own errors (a command it refused) are in the output, not thrown: the
 * probes' values differ then.
 */
export async function lldbProbes(program: string[], commands: string[]): Promise<{ probes: unknown[]; output: string }> {
  const args = ['-b', '-x', '-O', `command script import ${LLDB_SCRIPT}`, '-O', `command script import ${PROBE}`, ...commands.flatMap((c) => ['-o', c]), '--', ...program];
  const child = spawn(LLDB, args, { stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const probes = output.split('\n').filter((l) => l.startsWith('@probe ')).map((l) => JSON.parse(l.slice('@probe '.length)) as unknown);
  if (code !== 0 && probes.length === 0) throw new Error(`${LLDB} exited with ${code}:\n${output}`);
  return { probes, output };
}

/**
 * The scenario on `p` natively or under jitdbg run: the probes' values, with addresses and the
 * program's module name (the executable's path, or JIT(0x...)) masked.
 */
export async function scenario(p: Program, mode: Mode, commands: Commands, args: string[] = []): Promise<unknown[]> {
  const brk = (location: string) => (mode === 'native' ? `b ${location}` : `jitdbg-break ${location}`);
  const { probes } = await lldbProbes(programArgs(p, mode, args), commands(brk, mode));
  const module = mode === 'native' ? new RegExp(`(${escape(p.exe)}|${escape(basename(p.exe))})\\b`, 'g') : /JIT\(0x[0-9a-f]+\)/g;
  return JSON.parse(normal(JSON.stringify(probes).replace(module, '<program>'))) as unknown[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Addresses differ between the two links; everything else LLDB prints must not. */
export function normal(text: string): string {
  return text.replace(/0x[0-9a-f]+/g, '0x…');
}
