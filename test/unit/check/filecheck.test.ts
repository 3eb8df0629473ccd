import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CheckSyntaxError, fileCheck, fileCheckText, readCheckDirectives, translateRegex } from '../../../src/check/filecheck.js';

interface Case {
  name: string;
  checks: string;
  input: string;
  pass: boolean;
}

// Each case states the expected outcome; where LLVM's FileCheck is installed the same table is run
// through it as well, and it must agree.
const cases: Case[] = [
  { name: 'plain in order', checks: 'CHECK: a\nCHECK: c\n', input: 'a\nb\nc\n', pass: true },
  { name: 'plain out of order', checks: 'CHECK: c\nCHECK: a\n', input: 'a\nb\nc\n', pass: false },
  { name: 'substring within a line', checks: 'CHECK: = 3\n', input: '$1 = 3\n', pass: true },
  { name: 'two checks on one line', checks: 'CHECK: $1\nCHECK: = 3\n', input: '$1 = 3\n', pass: true },
  { name: 'same match twice needs two occurrences', checks: 'CHECK: x\nCHECK: x\n', input: 'x\n', pass: false },
  { name: 'next on the next line', checks: 'CHECK: a\nCHECK-NEXT: b\n', input: 'a\nb\nc\n', pass: true },
  { name: 'next two lines later', checks: 'CHECK: a\nCHECK-NEXT: c\n', input: 'a\nb\nc\n', pass: false },
  { name: 'next on the same line', checks: 'CHECK: a\nCHECK-NEXT: b\n', input: 'a b\nc\n', pass: false },
  { name: 'next first', checks: 'CHECK-NEXT: a\n', input: 'a\n', pass: false },
  { name: 'same on the same line', checks: 'CHECK: a\nCHECK-SAME: c\n', input: 'a b c\n', pass: true },
  { name: 'same on a later line', checks: 'CHECK: a\nCHECK-SAME: c\n', input: 'a\nb\nc\n', pass: false },
  { name: 'not absent', checks: 'CHECK: a\nCHECK-NOT: x\nCHECK: c\n', input: 'a\nb\nc\n', pass: true },
  { name: 'not present between', checks: 'CHECK: a\nCHECK-NOT: b\nCHECK: c\n', input: 'a\nb\nc\n', pass: false },
  { name: 'not present outside the range', checks: 'CHECK: b\nCHECK-NOT: a\nCHECK: c\n', input: 'a\nb\nc\n', pass: true },
  { name: 'trailing not to the end', checks: 'CHECK: a\nCHECK-NOT: c\n', input: 'a\nb\nc\n', pass: false },
  { name: 'leading not', checks: 'CHECK-NOT: c\nCHECK: b\n', input: 'a\nb\nc\n', pass: true },
  { name: 'dag any order', checks: 'CHECK-DAG: c\nCHECK-DAG: a\n', input: 'a\nb\nc\n', pass: true },
  { name: 'dag no overlap', checks: 'CHECK-DAG: a\nCHECK-DAG: a\n', input: 'a\n', pass: false },
  { name: 'dag twice', checks: 'CHECK-DAG: a\nCHECK-DAG: a\n', input: 'a\na\n', pass: true },
  { name: 'dag before a check', checks: 'CHECK-DAG: b\nCHECK-DAG: a\nCHECK: c\n', input: 'a\nb\nc\n', pass: true },
  { name: 'dag after the check it precedes', checks: 'CHECK-DAG: c\nCHECK: b\n', input: 'a\nb\nc\n', pass: false },
  { name: 'dag not dag', checks: 'CHECK-DAG: a\nCHECK-NOT: b\nCHECK-DAG: c\n', input: 'a\nb\nc\n', pass: false },
  { name: 'dag not dag ok', checks: 'CHECK-DAG: a\nCHECK-NOT: x\nCHECK-DAG: c\n', input: 'a\nb\nc\n', pass: true },
  { name: 'label regions', checks: 'CHECK-LABEL: f1\nCHECK: x\nCHECK-LABEL: f2\nCHECK: y\n', input: 'f1\nx\nf2\ny\n', pass: true },
  { name: 'label bounds a check', checks: 'CHECK-LABEL: f1\nCHECK: y\nCHECK-LABEL: f2\n', input: 'f1\nx\nf2\ny\n', pass: false },
  { name: 'empty line', checks: 'CHECK: a\nCHECK-EMPTY:\nCHECK-NEXT: b\n', input: 'a\n\nb\n', pass: true },
  { name: 'empty line missing', checks: 'CHECK: a\nCHECK-EMPTY:\n', input: 'a\nb\n\n', pass: false },
  { name: 'count', checks: 'CHECK-COUNT-3: x\n', input: 'x x\nx\n', pass: true },
  { name: 'count short', checks: 'CHECK-COUNT-3: x\n', input: 'x x\n', pass: false },
  { name: 'regex', checks: 'CHECK: ${{[0-9]+}} = 4\n', input: '$12 = 4\n', pass: true },
  { name: 'regex alternation', checks: 'CHECK: {{struct|class}} C {\n', input: 'type = class C {\n', pass: true },
  { name: 'regex alternation is grouped', checks: 'CHECK: a{{x|y}}b\n', input: 'ay\n', pass: false },
  { name: 'regex optional group', checks: 'CHECK: {{(_vptr\\$A =)?.*}}m_int = 12\n', input: '$1 = {_vptr$A = 0x4010, m_int = 12}\n', pass: true },
  { name: 'regex does not cross lines', checks: 'CHECK: a{{.*}}c\n', input: 'a\nc\n', pass: false },
  { name: 'negated class does not cross lines', checks: 'CHECK: a{{[^x]*}}c\n', input: 'ab\nc\n', pass: false },
  { name: 'posix class', checks: 'CHECK: {{[[:digit:]]+}} items\n', input: '42 items\n', pass: true },
  { name: 'posix class space', checks: 'CHECK: a{{[[:space:]]}}b\n', input: 'a b\n', pass: true },
  { name: 'backslash letter is the letter', checks: 'CHECK: {{\\d}}\n', input: '5\n', pass: false },
  { name: 'backslash letter matches the letter', checks: 'CHECK: x{{\\d}}\n', input: 'xd\n', pass: true },
  { name: 'escaped dot', checks: 'CHECK: a{{\\.}}b\n', input: 'axb\n', pass: false },
  { name: 'anchors', checks: 'CHECK: {{^}}b{{$}}\n', input: 'ab\nb\n', pass: true },
  { name: 'anchor end fails', checks: 'CHECK: {{^}}a{{$}}\n', input: 'ab\nb\n', pass: false },
  { name: 'bad regex', checks: 'CHECK: {{(}}\n', input: '(\n', pass: false },
  { name: 'empty regex', checks: 'CHECK: a{{}}\n', input: 'a\n', pass: false },
  { name: 'empty alternative', checks: 'CHECK: {{a|}}\n', input: 'a\n', pass: false },
  { name: 'unterminated regex', checks: 'CHECK: {{a\n', input: '{{a\n', pass: false },
  { name: 'bound', checks: 'CHECK: {{a{2}}}\n', input: 'aa\n', pass: false },
  { name: 'literal brace', checks: 'CHECK: {{a{}}\n', input: 'a{\n', pass: true },
  { name: 'variable def and use', checks: 'CHECK: x = [[X:[0-9]+]]\nCHECK: y = [[X]]\n', input: 'x = 12\ny = 12\n', pass: true },
  { name: 'variable use differs', checks: 'CHECK: x = [[X:[0-9]+]]\nCHECK: y = [[X]]\n', input: 'x = 12\ny = 13\n', pass: false },
  { name: 'variable use on the same line', checks: 'CHECK: [[X:[a-z]+]]-[[X]]\n', input: 'ab-ab\n', pass: true },
  { name: 'variable use on the same line differs', checks: 'CHECK: [[X:[a-z]+]]-[[X]]$\n', input: 'ab-cd$\n', pass: false },
  { name: 'variable value is literal', checks: 'CHECK: [[X:a.c]]\nCHECK: [[X]]\n', input: 'a.c\nabc\n', pass: false },
  { name: 'undefined variable', checks: 'CHECK: [[X]]\n', input: 'a\n', pass: false },
  { name: 'variable bad name', checks: 'CHECK: [[1X:a]]\n', input: 'a\n', pass: false },
  { name: 'triple bracket then an invalid variable', checks: 'CHECK: [[[0]]\n', input: '[[[0]]\n', pass: false },
  { name: 'whitespace runs', checks: 'CHECK: a   b\n', input: 'a\t \tb\n', pass: true },
  { name: 'whitespace in regex', checks: 'CHECK: a{{  }}b\n', input: 'a     b\n', pass: true },
  { name: 'trailing blanks ignored', checks: 'CHECK: a   \n', input: 'a\n', pass: true },
  { name: 'prefix inside a word', checks: 'XCHECK: nope\nCHECK: a\n', input: 'a\n', pass: true },
  { name: 'prefix after a comment', checks: '// CHECK: a\n/* CHECK-NEXT: b */\n', input: 'a\nb */\n', pass: true },
  { name: 'unknown suffix ignored', checks: 'CHECK-FOO: nope\nCHECK: a\n', input: 'a\n', pass: true },
  { name: 'empty check string', checks: 'CHECK:\n', input: 'a\n', pass: false },
  { name: 'no checks', checks: 'nothing\n', input: 'a\n', pass: false },
  { name: 'empty input', checks: 'CHECK: a\n', input: '', pass: false },
  { name: 'crlf input', checks: 'CHECK: a\nCHECK-NEXT: b\n', input: 'a\r\nb\r\n', pass: true },
  { name: 'gdb static members', checks: 'CHECK: {{struct|class}} C {\nCHECK: static const int a;\nCHECK-NEXT: static int b;\nCHECK-NEXT: }\n', input: 'type = class C {\n  public:\n    static const int a;\n    static int b;\n}\n', pass: true },
];

function findFileCheck(): string | undefined {
  for (const p of ['/usr/lib/llvm-14/bin/FileCheck', '/usr/bin/FileCheck-14']) if (existsSync(p)) return p;
  const r = spawnSync('FileCheck', ['--version']);
  return r.status === 0 ? 'FileCheck' : undefined;
}

test('FileCheck subset: the expected outcome of each case', () => {
  for (const c of cases) {
    const r = fileCheckText(c.checks, c.input, { checkFile: 'checks.txt' });
    assert.equal(r.pass, c.pass, `${c.name}: ${r.report}`);
  }
});

const real = findFileCheck();
test('FileCheck subset agrees with LLVM FileCheck', { skip: real === undefined ? 'no FileCheck installed' : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'filecheck-'));
  try {
    const disagreements: string[] = [];
    for (const c of cases) {
      const checkPath = join(dir, 'checks.txt');
      const inputPath = join(dir, 'input.txt');
      writeFileSync(checkPath, c.checks);
      writeFileSync(inputPath, c.input);
      const r = spawnSync(real!, ['--input-file', inputPath, checkPath], { encoding: 'utf8' });
      const theirs = r.status === 0;
      const ours = fileCheckText(c.checks, c.input).pass;
      if (theirs !== ours) disagreements.push(`${c.name}: FileCheck ${theirs ? 'passes' : 'fails'}, ours ${ours ? 'passes' : 'fails'}\n${r.stderr}`);
    }
    assert.deepEqual(disagreements, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('diagnostics name the check line and where scanning started', () => {
  const r = fileCheckText('// DEBUGGER: p x\n// CHECK: $1 = 3\n// CHECK: = 5\n', 'Breakpoint 1, main () at a.c:2\n$1 = 3\n$2 = 4\n', { checkFile: 't.c' });
  assert.equal(r.pass, false);
  assert.equal(r.checks, 2);
  assert.equal(r.matched, 1);
  assert.equal(
    r.report,
    ['t.c:3:11: error: CHECK: expected string not found in input', '// CHECK: = 5', '          ^', '<stdin>:2:7: note: scanning from here', '$1 = 3', '      ^'].join('\n'),
  );
});

test('CHECK-NOT and CHECK-NEXT diagnostics are those of FileCheck', () => {
  const not = fileCheckText('CHECK: a\nCHECK-NOT: b\nCHECK: c\n', 'a\nb\nc\n', { checkFile: 'c' });
  assert.equal(not.report, ['c:2:12: error: CHECK-NOT: excluded string found in input', 'CHECK-NOT: b', '           ^', '<stdin>:2:1: note: found here', 'b', '^'].join('\n'));
  const next = fileCheckText('CHECK: a\nCHECK-NEXT: c\n', 'a\nb\nc\n', { checkFile: 'c' });
  assert.equal(
    next.report,
    [
      'c:2:13: error: CHECK-NEXT: is not on the line after the previous match',
      'CHECK-NEXT: c',
      '            ^',
      "<stdin>:3:1: note: 'next' match was here",
      'c',
      '^',
      '<stdin>:1:2: note: previous match ended here',
      'a',
      ' ^',
      '<stdin>:2:1: note: non-matching line after previous match is here',
      'b',
      '^',
    ].join('\n'),
  );
});

test('a passing run reports every check matched', () => {
  const r = fileCheckText('CHECK: a\nCHECK-DAG: c\nCHECK-DAG: b\n', 'a\nb\nc\n');
  assert.equal(r.pass, true);
  assert.deepEqual([r.checks, r.matched], [3, 3]);
  assert.match(r.report, /all 3 CHECK directives matched/);
});

test('malformed directives are errors naming their line', () => {
  assert.throws(() => readCheckDirectives('x\nCHECK-NEXT: a\n'), (e: unknown) => e instanceof CheckSyntaxError && e.line === 2);
  assert.throws(() => readCheckDirectives('CHECK: a\n\n  CHECK:   \n'), (e: unknown) => e instanceof CheckSyntaxError && e.line === 3);
  const bad = fileCheck(readCheckDirectives('CHECK: a\nCHECK: {{[}}\n'), 'a\n', { checkFile: 'f.c' });
  assert.equal(bad.pass, false);
  assert.match(bad.report, /^f\.c:2:\d+: error: invalid regex: brackets/);
  const undef = fileCheck(readCheckDirectives('CHECK: a\nCHECK: [[V]]\n'), 'a\n', { checkFile: 'f.c' });
  assert.match(undef.report, /^f\.c:2:\d+: error: undefined variable: V/);
});

test('custom prefix and strict whitespace', () => {
  assert.equal(fileCheckText('GDB: a b\nCHECK: zzz\n', 'a b\n', { prefix: 'GDB' }).pass, true);
  assert.equal(fileCheckText('CHECK: a b\n', 'a  b\n', { strictWhitespace: true }).pass, false);
  assert.equal(fileCheckText('CHECK: a b\n', 'a  b\n').pass, true);
});

test('POSIX regex translation', () => {
  assert.deepEqual(translateRegex('[[:digit:]]+'), { source: '[0-9]+', groups: 0 });
  assert.deepEqual(translateRegex('(a|b)\\1'), { source: '(a|b)\\1', groups: 1 });
  assert.deepEqual(translateRegex('[^x]'), { source: '[^\\nx]', groups: 0 });
  assert.ok('error' in translateRegex('*a'));
  assert.ok('error' in translateRegex('a\\'));
});
