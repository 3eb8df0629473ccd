// RUN lines read for their build flags, and the compiler in use deciding which it accepts
// (gcc and g++ themselves, asked: no list of clang's options to keep up to date).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptedFlags } from '../../../src/check/build.js';
import { litFlags, runLines } from '../../../src/check/lit.js';
import { dexterScript } from '../../../src/check/dexter/script/index.js';

test('RUN lines: continuations joined, each command starting on its own line', () => {
  const text = '// RUN: %clangxx -O0 %s \\\n// RUN:    -o %t -g\nint x;\n// RUN: %test_debuginfo %s %t\n';
  assert.deepEqual(runLines(text), [{ line: 1, text: '%clangxx -O0 %s -o %t -g' }, { line: 4, text: '%test_debuginfo %s %t' }]);
});

test("the first build's flags: Dexter's --cflags or a compiler's options, values and substitutions left out with a note", () => {
  const dexter = litFlags('// RUN: %dexter --fail-lt 1.0 -w --builder clang --debugger lldb \\\n// RUN:   --cflags "-O2 -glldb -fno-unroll-loops -DX=1" -- %s\n', '/t/a.c');
  assert.deepEqual(dexter, { flags: ['-O2', '-glldb', '-fno-unroll-loops', '-DX=1'], notes: [] });
  const clang = litFlags('// RUN: %clang -arch x86_64 -O1 -g -Xclang -fexperimental-assignment-tracking -mllvm -fake -I %S/inc -pthread %s -o %t\n', '/t/a.c');
  assert.deepEqual(clang.flags, ['-O1', '-g', '-I/t/inc', '-pthread']);
  assert.deepEqual(clang.notes, ['/t/a.c:1: not given to the compiler: -arch x86_64 -Xclang -fexperimental-assignment-tracking -mllvm -fake']);
  const two = litFlags('// RUN: %clang -O0 -g %s -o %t\n// RUN: %clang -O2 -g %s -o %t\n// REQUIRES: lldb\n', '/t/a.c');
  assert.deepEqual(two.flags, ['-O0', '-g']);
  assert.deepEqual(two.notes, ['REQUIRES: lldb (not evaluated)', '/t/a.c:2: RUN also builds with -O2 -g; only the first configuration (-O0 -g) is run']);
  assert.deepEqual(litFlags('// RUN: %dexter_regression_test_build %s -o %t\n', '/t/a.c'), { flags: [], notes: [] });
});

test('the compiler decides which flags it accepts: gcc takes -gdwarf-4 and -pthread, not -glldb or -fstandalone-debug', async () => {
  const c = await acceptedFlags('gcc', 'a.c', ['-O2', '-glldb', '-gdwarf-4', '-fstandalone-debug', '-fno-unroll-loops', '-pthread', '-DX=1']);
  assert.deepEqual(c, { flags: ['-O2', '-gdwarf-4', '-fno-unroll-loops', '-pthread', '-DX=1'], rejected: ['-glldb', '-fstandalone-debug'] });
  const cxx = await acceptedFlags('g++', 'a.cpp', ['-std=c++17', '-fblocks', '-gline-tables-only']);
  assert.deepEqual(cxx, { flags: ['-std=c++17'], rejected: ['-fblocks', '-gline-tables-only'] });
});

test('a Dexter script takes its build flags from RUN lines too, and --skip-evaluate lists the run without judging it', () => {
  const text = [
    '// RUN: %clang -O2 -g %s -o %t',
    '// RUN: %dexter_regression_test_run --skip-evaluate --binary %t -- %s | FileCheck %s',
    'int main(void) { int x = 1; return x - 1; } // !dex_label end',
    '/*',
    '---',
    '!where {lines: !label end}:',
    '  !value x: 2',
    '...',
    '*/',
  ].join('\n');
  const t = dexterScript.parse({ path: '/t/s.c', text });
  assert.deepEqual(t.flags, ['-O2', '-g']);
  assert.ok(t.notes.some((n) => n.startsWith('--skip-evaluate')), t.notes.join('\n'));
  assert.equal(t.judge({ steps: [] }).pass, true);
  assert.equal(t.judge({ steps: [], aborted: 'timed out' }).pass, false);
});
