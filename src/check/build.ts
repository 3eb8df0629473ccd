/**
 * A test's program, built once for both modes: each source compiled to an object, the objects
 * linked natively by the compiler driver for `--mode native`, and the same objects given to
 * `jitdbg run` for `--mode jit`. Parity then compares one compilation linked two ways.
 */
import { basename, extname, join } from 'node:path';

const C_SOURCES = new Set(['.c']);
const CXX_SOURCES = new Set(['.cc', '.cpp', '.cxx', '.C', '.c++']);

export interface Compilers {
  cc: string;
  cxx: string;
}

export interface Program {
  objects: string[];
  /** The natively linked executable. */
  exe: string;
}

/** Why a build failed: the command and what the compiler said. */
export class BuildError extends Error {}

/** Whether `file` is a C or C++ source, by its extension (as gcc decides). */
export function isSource(file: string): boolean {
  return C_SOURCES.has(extname(file)) || isCxx(file);
}

export function isCxx(file: string): boolean {
  return CXX_SOURCES.has(extname(file));
}

/** Compiles `sources` with `flags` into `dir`, all at once, and with `link` links the objects natively. */
export async function build(sources: readonly string[], flags: readonly string[], compilers: Compilers, dir: string, link: boolean): Promise<Program> {
  const cxx = sources.some(isCxx);
  const objects = await Promise.all(sources.map(async (source, i) => {
    const object = join(dir, `${i}-${basename(source)}.o`);
    await run(isCxx(source) ? compilers.cxx : compilers.cc, [...flags, '-c', source, '-o', object]);
    return object;
  }));
  const exe = join(dir, 'a.out');
  // -lm: C tests call libm as freely as under the JIT, where Node has it loaded; -pthread for the thread tests.
  if (link) await run(cxx ? compilers.cxx : compilers.cc, [...flags.filter((f) => !f.startsWith('-c')), ...objects, '-o', exe, '-pthread', '-lm']);
  return { objects, exe };
}

const accepted = new Map<string, Promise<boolean>>();

/**
 * The flags `compiler` accepts for a source of `file`'s language, and those it does not (a
 * test's RUN lines are written for clang: `-glldb`, `-fstandalone-debug`...). The compiler is
 * asked, once per flag: `-Werror -fsyntax-only FLAG` on an empty source.
 */
export async function acceptedFlags(compiler: string, file: string, flags: readonly string[]): Promise<{ flags: string[]; rejected: string[] }> {
  const language = isCxx(file) ? 'c++' : 'c';
  const verdicts = await Promise.all(flags.map((flag) => {
    const key = `${compiler}\0${language}\0${flag}`;
    if (!accepted.has(key)) accepted.set(key, run(compiler, ['-Werror', '-fsyntax-only', '-x', language, flag, '/dev/null']).then(() => true, () => false));
    return accepted.get(key)!;
  }));
  return { flags: flags.filter((_, i) => verdicts[i]), rejected: flags.filter((_, i) => !verdicts[i]) };
}

async function run(command: string, args: string[]): Promise<void> {
  // Loaded here: `jitdbg run` imports this file for isSource, and node:child_process is slow to load.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 1 << 20 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const said = stderr.trim().split('\n').slice(0, 6).join('\n');
      reject(new BuildError(`${command} ${args.join(' ')} failed${said ? `:\n${said}` : ` (${error.message})`}`));
    });
  });
}
