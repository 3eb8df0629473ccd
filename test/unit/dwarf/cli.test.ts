import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusObjects, root } from '../../fixtures/corpus.js';
import { dwarfdumpLines } from './reference.js';

const cli = join(root, 'dist', 'src', 'cli', 'main.js');

function jitdbg(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'dwarf', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonRow { address: string; file: string; line: number; column: number; isStmt: boolean; endSequence: boolean }

/** `--lines --json` against llvm-dwarfdump: every row, with its file resolved through the program's table. */
async function compareJsonLines(file: string): Promise<void> {
  const r = jitdbg('--lines', '--json', file);
  assert.equal(r.status, 0, r.stderr);
  const rows = (JSON.parse(r.stdout) as { lines: JsonRow[] }).lines;
  const expected: string[] = [];
  for (const p of await dwarfdumpLines(file)) {
    const first = p.version >= 5 ? 0 : 1;
    const path = (i: number): string => {
      const [dir, ...name] = p.files[i - first]!.split(' ');
      const n = name.join(' ');
      const d = p.version >= 5 ? p.includeDirectories[Number(dir)] : Number(dir) > 0 ? p.includeDirectories[Number(dir) - 1] : undefined;
      return n.startsWith('/') || !d ? n : `${d}/${n}`;
    };
    for (const row of p.rows) {
      const [address, lc, f, ...flags] = row.split(' ');
      const [line, column] = lc!.split(':');
      expected.push(JSON.stringify({ address, file: path(Number(f!.slice(1))), line: Number(line), column: Number(column), isStmt: flags.includes('stmt'), endSequence: flags.includes('end') }));
    }
  }
  assert.deepEqual(rows.map((x) => JSON.stringify(x)), expected);
}

test('jitdbg dwarf --lines --json lists every row as llvm-dwarfdump does (objects, DWARF 4 and 5)', async () => {
  for (const o of corpusObjects().filter((x) => ['dwarf4', 'dwarf5', 'gz', 'fsec'].includes(x.variant))) await compareJsonLines(o.object);
});

test('jitdbg dwarf on a linked executable: lines, and --lookup of a function agrees with addr2line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-dwarf-'));
  const exe = join(dir, 'fact');
  const src = corpusObjects().find((o) => o.name === 'fact.O0')!.source;
  execFileSync('gcc', ['-g', '-O0', src, '-o', exe]);
  await compareJsonLines(exe);
  const nm = execFileSync('nm', [exe], { encoding: 'utf8' });
  const addr = `0x${/^([0-9a-f]+) T fact$/m.exec(nm)![1]!.replace(/^0+/, '')}`;
  const r = jitdbg('--lookup', addr, '--json', exe);
  assert.equal(r.status, 0, r.stderr);
  const loc = JSON.parse(r.stdout).lookup;
  const [fn, where] = execFileSync('addr2line', ['-f', '-e', exe, addr], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(loc.function, fn);
  assert.equal(`${loc.file}:${loc.line}`, where!.replace(/ \(discriminator \d+\)$/, ''));
  const text = jitdbg('--info', '--frames', exe);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /DW_TAG_subprogram\n\s+DW_AT_external\t\(true\)\n\s+DW_AT_name\t\("fact"\)/);
});

test('jitdbg dwarf: bad input is one line and exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-dwarf-'));
  const bad = join(dir, 'bad.o');
  const o = corpusObjects().find((x) => x.variant === 'O0')!;
  const bytes = execFileSync('cat', [o.object]);
  // Truncate .debug_abbrev's first table by zeroing the file at its offset.
  const off = Number(/\.debug_abbrev\s+PROGBITS\s+[0-9a-f]+\s+([0-9a-f]+)/.exec(execFileSync('readelf', ['-SW', o.object], { encoding: 'utf8' }))![1]!.replace(/^/, '0x'));
  bytes.fill(0xff, off, off + 4);
  writeFileSync(bad, bytes);
  const r = jitdbg(bad);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^jitdbg: .*bad\.o: section \.debug_\w+, offset 0x[0-9a-f]+: .+\n$/);
  assert.equal(jitdbg('--bogus', bad).status, 1);
  assert.equal(jitdbg('--help').status, 0);
});

test('jitdbg dwarf on a file without DWARF: a one-line note on stderr, exit 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-dwarf-'));
  const object = join(dir, 'plain.o');
  execFileSync('gcc', ['-c', '-O2', corpusObjects().find((o) => o.name === 'fact.O0')!.source, '-o', object]);
  for (const args of [[object], ['--lines', object], ['--lookup', '0x10', '--json', object]]) {
    const r = jitdbg(...args);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, `jitdbg: ${object}: no DWARF debug information (.debug_info is absent)\n`, args.join(' '));
  }
  // Call frames need no .debug_info: nothing to note.
  assert.equal(jitdbg('--frames', object).stderr, '');
});

test('jitdbg dwarf --help lists every option the parser accepts, one line each, and exits 0', () => {
  const r = jitdbg('--help');
  assert.equal(r.status, 0);
  for (const option of ['--info', '--lines', '--frames', '--lookup ADDR', '--lookup=ADDR', '--json', '-h, --help']) {
    assert.match(r.stdout, new RegExp(`^\\s+${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s|also ${option}\\)`, 'm'), option);
  }
  assert.equal(jitdbg('-h').stdout, r.stdout);
});
