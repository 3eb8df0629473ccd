// `--lib`: the library named comes before the process's own symbols; one that cannot be
// loaded is one line naming it; an undefined symbol a system library defines gets `--lib` suggested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../fixtures/corpus.js';

const cli = join(root, 'dist', 'src', 'cli', 'main.js');

function withProgram(source: string, fn: (dir: string, file: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-lib-'));
  try {
    writeFileSync(join(dir, 'p.c'), source);
    fn(dir, join(dir, 'p.c'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache') } });

const ZLIB_VERSION = '#include <stdio.h>\nconst char *zlibVersion(void);\nint main(void) { printf("%s\\n", zlibVersion()); return 0; }\n';

test('--lib libz.so.1 gives the system zlib, as the natively linked program sees it, not the copy inside Node', () => {
  withProgram(ZLIB_VERSION, (dir, file) => {
    execFileSync('gcc', [file, '-o', join(dir, 'native'), '-lz']);
    const native = execFileSync(join(dir, 'native'), { encoding: 'utf8' });
    const jit = run(dir, '--lib', 'libz.so.1', file);
    assert.equal(jit.stderr, '');
    assert.equal(jit.stdout, native);
    // In an executor, the library is loaded there, ahead of the executor's own symbols.
    const executor = run(dir, '--executor', 'spawn', '--lib', 'libz.so.1', file);
    assert.equal(executor.stderr, '');
    assert.equal(executor.stdout, native);
    // Without --lib the process's own definition wins: Node's zlib (its version without Node's suffix).
    assert.equal(run(dir, file).stdout, `${process.versions.zlib!.split('-')[0]}\n`);
  });
});

test('a --lib that cannot be loaded is one line naming it', () => {
  withProgram(ZLIB_VERSION, (dir, file) => {
    for (const where of [[], ['--executor', 'spawn']]) {
      const r = run(dir, ...where, '--lib', 'libjitdbg-absent.so.9', file);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^jitdbg: libjitdbg-absent\.so\.9: cannot load the library: .*No such file or directory\n$/);
    }
  });
});

test('an undefined symbol that a system library defines gets a --lib suggestion', () => {
  withProgram('int uuid_parse(const char *, unsigned char *);\nint main(void) { unsigned char u[16]; return uuid_parse("x", u) == 0; }\n', (dir, file) => {
    const r = run(dir, file);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^jitdbg: .*p\.c: undefined symbol: uuid_parse \(needed by .*p\.c\); uuid_parse is in libuuid\.so\.1: add --lib libuuid\.so\.1\n$/);
    // And with it, the program links and runs (uuid_parse rejects "x": returns -1).
    assert.equal(run(dir, '--lib', 'libuuid.so.1', file).status, 0);
  });
  withProgram('int jitdbg_nowhere(void);\nint main(void) { return jitdbg_nowhere(); }\n', (dir, file) => {
    assert.match(run(dir, file).stderr, /^jitdbg: .*p\.c: undefined symbol: jitdbg_nowhere \(needed by .*p\.c\)\n$/);
  });
});
