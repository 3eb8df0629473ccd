// Differential: every corpus program, linked by `jitdbg run` and run in this process or in a
// spawned executor, prints what the natively linked program prints and exits with the same
// status, for every compiler (gcc, clang) and flag variant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../fixtures/corpus.js';

interface Program {
  name: string;
  variant: string;
  objects: string[];
  exe: string;
}

const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const programs: Program[] = JSON.parse(readFileSync(join(root, '.cache', 'fixtures', 'manifest.json'), 'utf8')).programs;

/** Runs `jitdbg run` on objects; the CLI's own argv[0] is the first object's name. */
export function jitdbgRun(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

for (const p of programs) {
  for (const where of [[], ['--executor', 'spawn']]) {
    test(`jitdbg run ${where.join(' ')}${where.length ? ' ' : ''}${p.name} prints what the native program prints`, () => {
      const args = ['alpha', 'beta gamma'];
      const native = spawnSync(p.exe, args, { encoding: 'utf8' });
      const jit = jitdbgRun([...where, ...p.objects, '--', ...args]);
      assert.equal(jit.stderr, '');
      assert.equal(jit.stdout, native.stdout);
      assert.equal(jit.status, native.status);
    });
  }
}

test('the corpus has every language and variant it claims', () => {
  const names = new Set(programs.map((p) => p.name));
  for (const n of ['fact.nopic', 'calls.large', 'misc.medium', 'containers.O2', 'catcher.pic', 'streams.O0', 'streams.O2', 'lifecycle.O0', 'lifecycle.pic', 'threads.O2', 'threads.pic', 'threads.large', 'shapes.O2', 'locals.O0', 'locals.pic', 'sqlite_driver', 'fact.clang-O0', 'calls.clang-large', 'misc.clang-dwarf4', 'threads.clang-pic', 'catcher.clang-O2', 'streams.clang-fsec', 'locals.clang-O2']) assert.ok(names.has(n), n);
});
