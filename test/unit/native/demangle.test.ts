// demangle() against c++filt (binutils 2.40) on every symbol name of /usr/bin/node's .symtab
// (110,000, 81,000 of them C++: templates, lambdas, clones, abbreviations like std::ostream,
// versioned references) and of the corpus's C++ objects of both compilers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { demangle, ElfFile } from '../../../src/index.js';
import { corpusObjects } from '../../fixtures/corpus.js';

function symbolNames(file: string): string[] {
  const elf = ElfFile.read(readFileSync(file), file);
  return elf.symbolTables.flatMap((t) => elf.symbols(t).map((s) => s.name));
}

function cxxfilt(names: readonly string[]): string[] {
  return execFileSync('c++filt', { input: `${names.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 30 }).split('\n').slice(0, -1);
}

/** The first few names whose demangling differs, with both results. */
function differences(names: readonly string[]): string[][] {
  const ours = demangle(names);
  const theirs = cxxfilt(names);
  assert.equal(theirs.length, names.length);
  return names.flatMap((name, i) => (ours[i] === theirs[i] ? [] : [[name, ours[i]!, theirs[i]!]])).slice(0, 10);
}

test("node's .symtab: every name demangles as c++filt prints it", () => {
  const names = symbolNames('/usr/bin/node');
  assert.ok(names.filter((n) => n.startsWith('_Z')).length > 50_000);
  assert.deepEqual(differences(names), []);
});

test('the corpus C++ objects: every symbol name demangles as c++filt prints it', () => {
  const names = [...new Set(corpusObjects().filter((o) => o.lang === 'c++').flatMap((o) => symbolNames(o.object)))];
  assert.ok(names.length > 1000, `${names.length} names`);
  assert.deepEqual(differences(names), []);
});

test('names that are not mangled C++ come back unchanged, type codes and broken manglings included', () => {
  const names = ['main', 'i', 'St9exception', '_Z', '_Zfoo', '_GLOBAL__sub_I_main.cc', 'memcpy@GLIBC_2.14', '', '_Z3fooi.cold'];
  assert.deepEqual(demangle(names), [...names.slice(0, 8), 'foo(int) [clone .cold]']);
  assert.deepEqual(differences(names), []);
});
