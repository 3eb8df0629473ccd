// `npm run bench -- gdb`: whole GDB sessions over JIT-linked code, jitdbg (GDB running
// `node jitdbg run`) against llvm-jitlink-14 (GDB running it) on the same objects, under the same
// GDB in the same run; and what a debug image costs in bytes.
//   gdb.sqlite.session_ratio      GDB started, breakpoint in sqlite3VdbeExec hit, bt printed, GDB gone
//   gdb.modules1000.session_ratio 1000 small modules with debug info, all registered while GDB runs
//                                 the program, until a breakpoint in the last one is hit
//   gdb.image_bytes_ratio         sqlite3.o's debug image bytes over the object's bytes
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { debugImage } from '../../src/debug/image.js';
import { root, sqlite3Object } from '../fixtures/corpus.js';
import { linkOffline } from '../unit/debug/offline.js';
import { commandMs, figure } from './measure.js';

const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const MODULES = 1000;

/** GDB's arguments: the settings `jitdbg gdb` uses, a pending breakpoint, run, bt, kill. */
function session(breakpoint: string, program: string[]): string[] {
  const ex = ['set debuginfod enabled off', 'set print thread-events off', 'set breakpoint pending on', `break -qualified ${breakpoint}`, 'run', 'bt', 'kill'];
  return ['-nx', '-batch', ...ex.flatMap((c) => ['-ex', c]), '--args', ...program];
}

/** Median ms of the session with jitdbg and with llvm-jitlink-14, and their ratio. */
function compare(name: string, breakpoint: string, objects: string[], runs: number): void {
  const jitdbg = commandMs('gdb', session(breakpoint, [process.execPath, cli, 'run', ...objects]), runs);
  const jitlink = commandMs('gdb', session(breakpoint, ['llvm-jitlink-14', ...objects]), runs);
  figure(`gdb.${name}.session_ms`, jitdbg, 'ms');
  figure(`gdb.${name}.llvm_jitlink_session_ms`, jitlink, 'ms');
  figure(`gdb.${name}.session_ratio`, jitdbg / jitlink, 'x');
}

/**
 * MODULES objects m0.o... each defining a function with a struct and a local, and main.o calling
 * every one of them (so that llvm-jitlink, which links what the entry point needs, links all).
 * Built once into .cache/bench/modules.
 */
function modules(): string[] {
  const dir = join(root, '.cache', 'bench', 'modules');
  const objects = [...Array.from({ length: MODULES }, (_, i) => join(dir, `m${i}.o`)), join(dir, 'main.o')];
  if (objects.every((o) => existsSync(o))) return objects;
  mkdirSync(dir, { recursive: true });
  const sources: string[] = [];
  for (let i = 0; i < MODULES; i++) {
    const source = join(dir, `m${i}.c`);
    writeFileSync(source, `struct s${i} { int a; double b; };\nint f${i}(int x) {\n  struct s${i} v = { x, ${i}.5 };\n  return v.a + ${i};\n}\n`);
    sources.push(source);
  }
  const calls = Array.from({ length: MODULES }, (_, i) => `  t += f${i}(1);`).join('\n');
  const decls = Array.from({ length: MODULES }, (_, i) => `int f${i}(int);`).join('\n');
  const main = join(dir, 'main.c');
  writeFileSync(main, `${decls}\nint main(void) {\n  long t = 0;\n${calls}\n  return t == ${(MODULES * (MODULES + 1)) / 2} ? 0 : 1;\n}\n`);
  sources.push(main);
  for (let i = 0; i < sources.length; i += 100) execFileSync('gcc', ['-g', '-O0', '-c', ...sources.slice(i, i + 100)], { cwd: dir });
  return objects;
}

export async function gdb(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(root, '.cache', 'fixtures', 'manifest.json'), 'utf8'));
  const driver = manifest.programs.find((p: { name: string }) => p.name === 'sqlite_driver');
  compare('sqlite', 'sqlite3VdbeExec', driver.objects, 5);
  compare('modules1000', `f${MODULES - 1}`, modules(), 3);

  const sqlite = sqlite3Object().object;
  const { modules: linked, memory } = linkOffline([sqlite]);
  const image = debugImage([linked[0]!], memory.read);
  const objectBytes = statSync(sqlite).size;
  figure('gdb.image_bytes', image.length, 'bytes');
  figure('gdb.object_bytes', objectBytes, 'bytes');
  figure('gdb.image_bytes_ratio', image.length / objectBytes, 'x');
}
