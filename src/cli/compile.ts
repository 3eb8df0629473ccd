/**
 * C and C++ sources given to `jitdbg run` and `jitdbg gdb`, compiled with `$CC`/`$CXX -g -c`
 * into a cache. An object is reused only while everything that decided it is unchanged: the
 * compiler (its path and `--version`), the flags, the working directory and the content of the
 * source and of every file it included, as the compiler's own dependency output (-MD) lists them.
 *
 * Per (compiler, flags, directory, source path) the cache keeps a manifest naming the
 * dependencies with their content digests and the object built from them, as ccache's direct
 * mode does: a hit costs a digest of each dependency, a miss a compile.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isCxx, isSource } from '../check/build.js';
import { UsageError } from './errors.js';
import { splitFlags } from './flags.js';


export interface CompileOptions {
  /** Flags added after `-g` and `$CFLAGS`/`$CXXFLAGS` (`--cflags`). */
  flags: readonly string[];
  /** Default: $XDG_CACHE_HOME/jitdbg/objects or ~/.cache/jitdbg/objects. */
  cacheDir?: string;
}

interface Manifest {
  object: string;
  dependencies: { path: string; digest: string }[];
}

/** The object of `file`: itself when it is not a C or C++ source, else the cached compilation. */
export function compiled(file: string, options: CompileOptions): string {
  if (!isSource(file)) return file;
  const cxx = isCxx(file);
  const compiler = (cxx ? process.env.CXX : process.env.CC) || (cxx ? 'c++' : 'cc');
  const flags = ['-g', ...splitFlags((cxx ? process.env.CXXFLAGS : process.env.CFLAGS) ?? ''), ...options.flags];
  const dir = options.cacheDir ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'jitdbg', 'objects');
  const key = digest([compilerIdentity(compiler), ...flags, process.cwd(), resolve(file)].join('\0')).slice(0, 32);
  const manifestPath = join(dir, `${key}.json`);
  const hit = reusable(manifestPath, dir);
  if (hit) return hit;

  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `${key}.${process.pid}.tmp`);
  try {
    try {
      execFileSync(compiler, [...flags, '-c', file, '-o', `${tmp}.o`, '-MD', '-MF', `${tmp}.d`], { stdio: ['ignore', 'inherit', 'inherit'] });
    } catch {
      throw new UsageError(`${compiler} ${[...flags, '-c'].join(' ')} failed`, { file });
    }
    const dependencies = makeDependencies(readFileSync(`${tmp}.d`, 'utf8')).map((path) => ({ path: resolve(path), digest: digest(readFileSync(path)) }));
    const object = join(dir, `${key}-${digest(dependencies.map((d) => `${d.path}\0${d.digest}`).join('\0')).slice(0, 16)}.o`);
    renameSync(`${tmp}.o`, object);
    writeFileSync(`${tmp}.json`, JSON.stringify({ object, dependencies } satisfies Manifest));
    renameSync(`${tmp}.json`, manifestPath);
    return object;
  } finally {
    for (const ext of ['.o', '.d', '.json']) rmSync(`${tmp}${ext}`, { force: true });
  }
}

/** The manifest's object when it exists and no dependency changed, else undefined. */
function reusable(manifestPath: string, dir: string): string | undefined {
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (typeof m.object !== 'string' || !m.object.startsWith(dir) || !Array.isArray(m.dependencies) || !existsSync(m.object)) return undefined;
  for (const d of m.dependencies) {
    try {
      if (digest(readFileSync(d.path)) !== d.digest) return undefined;
    } catch {
      return undefined;
    }
  }
  return m.object;
}

const identities = new Map<string, string>();

/** What names the compiler: the command as given and what it says its version is. */
function compilerIdentity(compiler: string): string {
  let id = identities.get(compiler);
  if (id === undefined) {
    try {
      id = `${compiler}\0${execFileSync(compiler, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })}`;
    } catch {
      throw new UsageError(`cannot run the compiler ${compiler} (set $CC or $CXX)`);
    }
    identities.set(compiler, id);
  }
  return id;
}

/** The prerequisites of a make rule as gcc and clang write it with -MD (backslash-newline continued, spaces escaped). */
export function makeDependencies(text: string): string[] {
  const body = text.replace(/\\\r?\n/g, ' ');
  const colon = body.search(/:(\s|$)/);
  const out: string[] = [];
  for (const m of body.slice(colon + 1).matchAll(/(?:\\.|[^\s\\])+/g)) out.push(m[0].replace(/\\(.)/g, '$1'));
  return out;
}

function digest(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
