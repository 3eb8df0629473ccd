// `jitdbg run` as a user sees it: sources compiled, --timings, --entry, and one-line errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusObjects, root } from '../fixtures/corpus.js';

const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'jitdbg-run-')) };
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8', env, cwd: root });
const object = (name: string) => corpusObjects().find((o) => o.name === name)!.object;

test('the README example compiles a C source and runs it', () => {
  for (let i = 0; i < 2; i++) { // the second run takes the object from the cache
    const r = run('examples/hello.c', '--', 'world');
    assert.equal(r.stdout, 'hello, world: sorted 3 7 19 42\n');
    assert.equal(r.status, 0);
  }
});

test('a C++ source with exceptions and static destructors', () => {
  const r = run('test/corpus/containers.cc');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^constructor priority 200\nconstruct first\n[^]*destroy second\ndestroy first\ndestructor attribute\n$/);
});

test('--timings prints one line per phase, ending with link-total', () => {
  const r = run('--timings', object('fact.O2'));
  const lines = r.stderr.trim().split('\n');
  assert.ok(lines.every((l) => /^jitdbg: timing [a-z-]+ \d+\.\d+$/.test(l)), r.stderr);
  assert.match(lines.at(-1)!, /^jitdbg: timing link-total /);
  for (const phase of ['read', 'parse', 'resolve', 'layout', 'fixups', 'finalize', 'init']) assert.ok(lines.some((l) => l.includes(` ${phase} `)), phase);
});

test('--entry calls another function with argc/argv', () => {
  const r = run('--entry', 'fact', object('fact.O2'), '--', 'a', 'b', 'c');
  assert.equal(r.status, 24); // fact(argc = 4)
});

test('link errors are one jitdbg: line and exit status 1', () => {
  for (const [args, pattern] of [
    [[object('calls.O2')], /^jitdbg: .*undefined symbols: .*sort_ints \(needed by .*calls\.O2\.o\)/],
    [[object('fact.O2'), object('fact.O0')], /^jitdbg: .*duplicate symbols?: .*main \(defined in/],
    [['--entry', 'nope', object('fact.O2')], /^jitdbg: symbol nope: the entry point is not defined/],
  ] as const) {
    const r = run(...args);
    assert.equal(r.status, 1);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('the program\'s stdout pipe stays blocking: under GDB/MI that pipe is GDB\'s own channel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-fl-'));
  try {
    const source = join(dir, 'flags.c');
    writeFileSync(source, '#include <fcntl.h>\n#include <stdio.h>\nint main(void) { printf("O_NONBLOCK %d\\n", !!(fcntl(1, F_GETFL) & O_NONBLOCK)); return 0; }\n');
    const r = run(source, '--timings');
    assert.equal(r.stdout, 'O_NONBLOCK 0\n', r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
