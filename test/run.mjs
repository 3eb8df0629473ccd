// Runs every compiled test file with node's test runner. The files are listed explicitly:
// Node 20's runner does not expand quoted globs. Arguments narrow the run to files whose
// path contains one of them: `node test/run.mjs elf dwarf`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('..', import.meta.url)));
const dir = join(root, 'dist', 'test');

function walk(d) {
  return readdirSync(d).sort().flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : name.endsWith('.test.js') ? [p] : [];
  });
}

const filters = process.argv.slice(2);
const files = walk(dir)
  .map((p) => relative(root, p))
  .filter((p) => filters.length === 0 || filters.some((f) => p.includes(f)));
if (files.length === 0) {
  console.error('test/run.mjs: no test files matched');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
