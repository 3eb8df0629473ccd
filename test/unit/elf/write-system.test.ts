// Executables and shared libraries of the system copied through descriptionOf → writeElf:
// the copy keeps every section and program header (file offsets aside), readelf finds
// nothing in it that it does not find in the original, and the copies run: node runs
// JavaScript, a program runs on the copied libc, the copied libstdc++ loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { systemFiles } from '../../fixtures/corpus.js';
import { PT_INTERP } from '../../../src/elf/consts.js';
import { ElfFile } from '../../../src/elf/read.js';
import { descriptionOf } from '../../../src/elf/write-copy.js';
import { writeElf } from '../../../src/elf/write.js';
import { compileC, readelfComplaints, run, scratch } from './write-tools.js';

const dir = scratch('write-system');
const copies = new Map<string, string>();

/** The copy of `file`, under its own name in a directory of its own. */
function copyOf(file: string): string {
  let path = copies.get(file);
  if (!path) {
    path = join(dir, String(copies.size), basename(file));
    mkdirSync(dirname(path));
    writeFileSync(path, writeElf(descriptionOf(ElfFile.read(readFileSync(file), file))), { mode: 0o755 });
    copies.set(file, path);
  }
  return path;
}

const [node, libc, libstdcxx] = systemFiles() as [string, string, string];

for (const file of [node, libc, libstdcxx]) {
  test(`${basename(file)}: the copy has the same sections and program headers`, () => {
    const original = ElfFile.read(readFileSync(file), file);
    const copy = ElfFile.read(readFileSync(copyOf(file)), copyOf(file));
    assert.equal(copy.sections.length, original.sections.length);
    for (const s of original.sections) {
      const c = copy.sections[s.index]!;
      assert.deepEqual({ ...c, sh_offset: 0 }, { ...s, sh_offset: 0 }, `section [${s.index}] ${s.name}`);
      assert.ok(Buffer.from(copy.sectionData(c)).equals(original.sectionData(s)), `contents of [${s.index}] ${s.name}`);
    }
    assert.deepEqual(copy.segments.map((p) => ({ ...p, p_offset: 0 })), original.segments.map((p) => ({ ...p, p_offset: 0 })));
    assert.deepEqual({ ...copy.header, e_shoff: 0 }, { ...original.header, e_shoff: 0 });
    assert.deepEqual(readelfComplaints(copyOf(file)), readelfComplaints(file));
  });
}

test('the copied node runs JavaScript', () => {
  assert.equal(run(copyOf(node), ['-e', 'process.stdout.write(String(6 * 7))']), '42');
});

test('a program runs on the copied libc', () => {
  const echo = ElfFile.read(readFileSync('/bin/echo'));
  const interp = echo.segments.find((p) => p.p_type === PT_INTERP)!;
  const loader = Buffer.from(echo.bytes.subarray(interp.p_offset, interp.p_offset + interp.p_filesz - 1)).toString();
  const out = run(loader, ['--library-path', dirname(copyOf(libc)), '--list', '/bin/echo']);
  assert.match(out, new RegExp(`libc\\.so\\.6 => ${copyOf(libc).replace(/[.+]/g, '\\$&')} `));
  assert.equal(run(loader, ['--library-path', dirname(copyOf(libc)), '/bin/echo', 'hello']), 'hello\n');
});

test('the copied libstdc++ loads and has std::cout', () => {
  const load = compileC(dir, 'load', `
#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv) {
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { fprintf(stderr, "dlopen: %s\\n", dlerror()); return 1; }
  return dlsym(lib, "_ZSt4cout") ? 0 : 2;
}
`);
  run(load, [copyOf(libstdcxx)]);
});
