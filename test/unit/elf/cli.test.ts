// The text of `jitdbg elf` against readelf -W, part by part, and the command line itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { corpusObjects, root, systemFiles } from '../../fixtures/corpus.js';
import { readelf } from './readelf.js';

const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const jitdbg = (...args: string[]): string => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

/** readelf -lW without the section-to-segment map, which jitdbg does not print. */
const withoutSegmentMap = (text: string): string => text.replace(/\n Section to Segment mapping:[^]*$/, '');

test('the text of each part equals readelf -W', () => {
  const objects = corpusObjects().filter((o) => ['fact.O2', 'shapes.O2', 'calls.gz'].includes(o.name)).map((o) => o.object);
  assert.equal(objects.length, 3);
  const libc = systemFiles().find((f) => f.includes('libc.so'))!;
  for (const file of [...objects, libc]) {
    assert.equal(jitdbg('elf', '--header', file), readelf(['-hW'], file), `${file} header`);
    assert.equal(jitdbg('elf', '--sections', file), readelf(['-SW'], file), `${file} sections`);
    assert.equal(jitdbg('elf', '--segments', file), withoutSegmentMap(readelf(['-lW'], file)), `${file} segments`);
    if (file === libc) continue; // readelf adds symbol versions to .dynsym names and lists .relr.dyn
    assert.equal(jitdbg('elf', '--symbols', file), readelf(['-sW'], file), `${file} symbols`);
    assert.equal(jitdbg('elf', '--relocs', file), readelf(['-rW'], file), `${file} relocations`);
  }
});

test('parts together equal readelf with the same options, in its order', () => {
  const exe = corpusObjects().find((o) => o.name === 'fact.O2')!.object.replace(/\.o$/, '.exe');
  for (const file of corpusObjects().filter((o) => ['fact.O2', 'shapes.O2'].includes(o.name)).map((o) => o.object)) {
    assert.equal(jitdbg('elf', '--sections', '--symbols', '--relocs', file), readelf(['-sSrW'], file), `${file} -sSrW`);
  }
  // An executable's symbols and relocations name symbol versions, which jitdbg does not show.
  assert.equal(jitdbg('elf', '--header', '--sections', '--segments', exe), withoutSegmentMap(readelf(['-hSlW'], exe)), `${exe} -hSlW`);
});

test('no selection lists every part; --json lists the selected ones', () => {
  const file = corpusObjects()[0]!.object;
  const all = jitdbg('elf', file);
  for (const heading of ['ELF Header:', 'Section Headers:', 'There are no program headers', "Symbol table '.symtab'", "Relocation section '.rela.text'"]) {
    assert.ok(all.includes(heading), heading);
  }
  assert.deepEqual(Object.keys(JSON.parse(jitdbg('elf', '--json', file))), ['file', 'header', 'sections', 'segments', 'symbols', 'relocations']);
  assert.deepEqual(Object.keys(JSON.parse(jitdbg('elf', file, '--json', '--relocs', '--header'))), ['file', 'header', 'relocations']);
});

test('--help prints the usage; a missing FILE is a usage error', () => {
  assert.match(jitdbg('elf', '--help'), /^usage: jitdbg elf FILE \[--header\]/);
  const r = spawnSync(process.execPath, [cli, 'elf'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "jitdbg: elf: expected one FILE, got 0 (try 'jitdbg elf --help')\n");
});
