// `jitdbg run` compiling sources: the cache follows everything that decides the object (the
// source, its headers, the compiler, the flags), $CFLAGS/$CXXFLAGS and --cflags are honoured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDependencies } from '../../src/cli/compile.js';
import { splitFlags } from '../../src/cli/flags.js';
import { root } from '../fixtures/corpus.js';

const cli = join(root, 'dist', 'src', 'cli', 'main.js');

function project(): { dir: string; cache: string; run: (args: string[], env?: Record<string, string>) => ReturnType<typeof spawnSync> } {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-compile-'));
  const cache = join(dir, 'cache');
  mkdirSync(join(dir, 'include'));
  writeFileSync(join(dir, 'include', 'value.h'), '#define VALUE 1\n');
  writeFileSync(join(dir, 'main.c'), [
    '#include <stdio.h>',
    '#include "value.h"',
    '#ifndef EXTRA',
    '#define EXTRA 0',
    '#endif',
    '#ifdef __OPTIMIZE__',
    '#define OPTIMIZED 1',
    '#else',
    '#define OPTIMIZED 0',
    '#endif',
    'int main(void) { printf("%d %d %d\\n", VALUE, EXTRA, OPTIMIZED); return 0; }',
    '',
  ].join('\n'));
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, CFLAGS: '', XDG_CACHE_HOME: cache, ...env } });
  return { dir, cache, run };
}

test('editing an included header compiles the source again', () => {
  const p = project();
  try {
    const first = p.run(['--cflags', '-Iinclude', 'main.c']);
    assert.equal(first.stdout, '1 0 0\n', String(first.stderr));
    assert.equal(p.run(['--cflags', '-Iinclude', 'main.c']).stdout, '1 0 0\n');
    writeFileSync(join(p.dir, 'include', 'value.h'), '#define VALUE 2\n');
    assert.equal(p.run(['--cflags', '-Iinclude', 'main.c']).stdout, '2 0 0\n');
    writeFileSync(join(p.dir, 'main.c'), '#include "value.h"\nint main(void) { return VALUE + 40; }\n');
    const edited = p.run(['--cflags', '-Iinclude', 'main.c']);
    assert.equal(edited.status, 42, String(edited.stderr));
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('$CFLAGS and --cflags reach the compiler and key the cache', () => {
  const p = project();
  try {
    assert.equal(p.run(['--cflags', '-Iinclude -DEXTRA=5', 'main.c']).stdout, '1 5 0\n');
    assert.equal(p.run(['--cflags', '-Iinclude', '--cflags', '-O2', 'main.c']).stdout, '1 0 1\n');
    assert.equal(p.run(['main.c'], { CFLAGS: '-Iinclude -DEXTRA=7' }).stdout, '1 7 0\n');
    // --cflags come after $CFLAGS: the later -D wins, as on a compiler's command line.
    assert.equal(p.run(['--cflags', '-UEXTRA -DEXTRA=9', 'main.c'], { CFLAGS: '-Iinclude -DEXTRA=7' }).stdout, '1 9 0\n');
    assert.equal(p.run(['--cflags', '-Iinclude', 'main.c']).stdout, '1 0 0\n');
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('another compiler is another cache entry, and a compile error is one line naming the source', () => {
  const p = project();
  try {
    const bin = join(p.dir, 'bin');
    mkdirSync(bin);
    // A "compiler" that defines EXTRA: same flags, same source, another --version.
    writeFileSync(join(bin, 'cc-extra'), '#!/bin/sh\nif [ "$1" = --version ]; then echo cc-extra 1.0; exit 0; fi\nexec cc -DEXTRA=3 "$@"\n', { mode: 0o755 });
    assert.equal(p.run(['--cflags', '-Iinclude', 'main.c']).stdout, '1 0 0\n');
    assert.equal(p.run(['--cflags', '-Iinclude', 'main.c'], { CC: join(bin, 'cc-extra') }).stdout, '1 3 0\n');
    writeFileSync(join(p.dir, 'bad.c'), 'int main(void) { return }\n');
    const bad = p.run(['bad.c']);
    assert.equal(bad.status, 1);
    assert.match(String(bad.stderr), /\njitdbg: bad\.c: cc -g -c failed\n$/);
    assert.ok(readdirSync(join(p.cache, 'jitdbg', 'objects')).every((f) => !f.includes('.tmp')), 'no temporary file left');
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('make rules and flag strings are split as make and a shell would', () => {
  assert.deepEqual(makeDependencies('x.o: a.c /usr/include/stdio.h \\\n  dir\\ with\\ space/b.h\n'), ['a.c', '/usr/include/stdio.h', 'dir with space/b.h']);
  assert.deepEqual(splitFlags(' -O2  -I"my include" -DX=\'a b\' '), ['-O2', '-Imy include', '-DX=a b']);
  assert.deepEqual(splitFlags(''), []);
});
