// Dexter's commands read from a test source: Python literals without an interpreter, labels and
// addresses, commands over several lines, DexDeclareFile, RUN-line flags, and every malformed
// command reported at its file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DirectiveError } from '../../../src/check/format.js';
import { dexterCommands, parseDexterCommands, format4 } from '../../../src/check/dexter/commands/index.js';
import type { Command } from '../../../src/check/dexter/commands/commands.js';
import { AddressExpression } from '../../../src/check/dexter/commands/commands.js';
import { pyFloatRepr } from '../../../src/check/dexter/commands/pyexpr.js';

const FILE = '/src/t/test.cpp';

function parse(text: string): readonly Command[] {
  return parseDexterCommands({ path: FILE, text }).commands;
}

function fails(text: string, line: number, reason: RegExp): void {
  assert.throws(
    () => parse(text),
    (e: unknown) => {
      assert.ok(e instanceof DirectiveError, `a DirectiveError, not ${String(e)}`);
      assert.equal(e.file, FILE);
      assert.equal(e.line, line, `line of: ${e.message}`);
      assert.match(e.reason, reason);
      assert.equal(e.message, `${FILE}:${line}: ${e.reason}`);
      return true;
    },
  );
}

test('every literal kind becomes the string Dexter compares (str() of the argument)', () => {
  const [c] = parse(
    `// DexExpectWatchValue('x', 'a', "b\\n", 1, -2, 1.5, 1e-05, 2.0, True, None, [1, 'a'], (1,), {'k': 2}, '\\x41\\'', r'\\n', 0x10, 1_000, 'con' 'cat')\n`,
  );
  assert.equal(c?.kind, 'DexExpectWatchValue');
  if (c?.kind !== 'DexExpectWatchValue') return;
  assert.equal(c.expression, 'x');
  assert.deepEqual(c.values, ['a', 'b\n', '1', '-2', '1.5', '1e-05', '2.0', 'True', 'None', "[1, 'a']", '(1,)', "{'k': 2}", "A'", '\\n', '16', '1000', 'concat']);
  assert.deepEqual([c.fromLine, c.toLine, c.requireInOrder, c.floatRange], [1, 999999, true, undefined]);
});

test('keyword arguments, ref() arithmetic and address() with an offset', () => {
  const cmds = parse(
    [
      'int a = 0; // DexLabel("here")',
      'a++;',
      "// DexDeclareAddress('p', 'ptr', on_line=ref('here') + 1, hit_count=2)",
      "// DexExpectWatchValue('a', '0', address('p', -4), address('p'), from_line=ref('here'), to_line=ref('here')+1, require_in_order=False)",
      "// DexExpectWatchValue('f', 1.5, 2, float_range=0.25, on_line=3 * 2 - 1)",
      "// DexLimitSteps('i', 1, 2, from_line=ref('here'), to_line=2, hit_count=3)",
      "// DexFinishTest(on_line=2)",
      "// DexExpectStepOrder(1, 3, on_line=2)",
      "// DexExpectStepKind('VERTICAL_BACKWARD', 2)",
      "// DexUnreachable(from_line=1, to_line=2)",
      "// DexCommandLine(['--x', 'y'])",
    ].join('\n'),
  );
  const byKind = (k: Command['kind']) => cmds.filter((c) => c.kind === k);
  const [label] = byKind('DexLabel');
  assert.ok(label?.kind === 'DexLabel' && label.label === 'here' && label.line === 1);
  const [addr] = byKind('DexDeclareAddress');
  assert.ok(addr?.kind === 'DexDeclareAddress');
  assert.deepEqual([addr.name, addr.expression, addr.onLine, addr.hitCount], ['p', 'ptr', 2, 2]);
  const [w, f] = byKind('DexExpectWatchValue');
  assert.ok(w?.kind === 'DexExpectWatchValue' && f?.kind === 'DexExpectWatchValue');
  assert.equal(w.values[0], '0');
  assert.ok(w.values[1] instanceof AddressExpression && w.values[1].name === 'p' && w.values[1].offset === -4n);
  assert.ok(w.values[2] instanceof AddressExpression && w.values[2].offset === 0n);
  assert.deepEqual([w.fromLine, w.toLine, w.requireInOrder], [1, 2, false]);
  assert.deepEqual([f.values, f.floatRange, f.fromLine, f.toLine], [['1.5', '2'], 0.25, 5, 5]);
  const [ls] = byKind('DexLimitSteps');
  assert.ok(ls?.kind === 'DexLimitSteps');
  assert.deepEqual([ls.expression, ls.values, ls.fromLine, ls.toLine, ls.hitCount], ['i', ['1', '2'], 1, 2, 3]);
  const [fin] = byKind('DexFinishTest');
  assert.ok(fin?.kind === 'DexFinishTest' && fin.onLine === 2 && fin.hitCount === 0 && fin.expression === undefined);
  const [so] = byKind('DexExpectStepOrder');
  assert.ok(so?.kind === 'DexExpectStepOrder' && so.onLine === 2);
  assert.deepEqual(so.sequence, [1, 3]);
  const [sk] = byKind('DexExpectStepKind');
  assert.ok(sk?.kind === 'DexExpectStepKind' && sk.stepKind === 'VERTICAL_BACKWARD' && sk.count === 2);
  const [un] = byKind('DexUnreachable');
  assert.ok(un?.kind === 'DexUnreachable' && un.fromLine === 1 && un.toLine === 2);
  const t = parseDexterCommands({ path: FILE, text: "// DexCommandLine(['--x', 'y'])" });
  assert.deepEqual(t.args, ['--x', 'y']);
});

test('a command spans lines until its parentheses balance, in a block comment or over // lines', () => {
  const cmds = parse(
    [
      'int f(int lhs) {',
      '  return lhs; // DexLabel(',
      "              //   'check')",
      '}',
      '/*',
      'DexExpectProgramState({',
      "    'frames': [",
      "        {'location': {'lineno': ref('check')},",
      "         'watches': {'lhs': '0', 'x': {'value': '1', 'could_evaluate': True}}},",
      "        {'function': 'main'},",
      '    ]',
      '}, times=2)',
      '*/',
    ].join('\n'),
  );
  const [label, state] = cmds;
  assert.ok(label?.kind === 'DexLabel' && label.label === 'check' && label.line === 2);
  assert.ok(state?.kind === 'DexExpectProgramState');
  assert.equal(state.lineno, 6);
  assert.equal(state.times, 2);
  assert.equal(state.frames.length, 2);
  assert.deepEqual(state.frames[0]!.location, { lineno: 2 });
  assert.equal(state.frames[0]!.watches[0]![1], '0');
  assert.equal(state.frames[1]!.function, 'main');
  assert.equal(state.text, "{'frames': [{'location': {'lineno': 2}, 'watches': {'lhs': '0', 'x': {'value': '1', 'could_evaluate': True}}}, {'function': 'main'}]}");
});

test('an escaped command is prose, several commands share a line, a string may hold a parenthesis', () => {
  const cmds = parse("// \\DexLabel('no') DexLabel('a') DexLabel('b')\n// DexExpectWatchValue('s', ')(')\n");
  assert.deepEqual(cmds.map((c) => (c.kind === 'DexLabel' ? c.label : c.kind)), ['a', 'b', 'DexExpectWatchValue']);
});

test('DexDeclareFile changes the file of the commands after it and names an extra source', () => {
  const t = parseDexterCommands({
    path: FILE,
    text: "// DexExpectWatchValue('a', 1)\n// DexDeclareFile('lib/other.c')\n// DexExpectWatchValue('b', 2)\n// DexDeclareFile('/abs/x.c')\n// DexUnreachable()",
  });
  // A DexDeclareFile itself still belongs to the file before it, as in Dexter.
  assert.deepEqual(t.commands.map((c) => c.path), [FILE, FILE, '/src/t/lib/other.c', '/src/t/lib/other.c', '/abs/x.c']);
  assert.deepEqual(t.commands.map((c) => c.file), [FILE, FILE, FILE, FILE, FILE]);
  assert.deepEqual(t.extraSources, ['/src/t/lib/other.c', '/abs/x.c']);
});

test('every malformed command is a DirectiveError naming its file and line', () => {
  fails("int x;\n// DexExpectWatchValue('x')\n", 2, /expected at least two args/);
  fails("\n\n// DexFooBar('x')\n", 3, /unknown command 'DexFooBar'/);
  fails("// DexExpectWatchValue('x', 1,\n// 2\n", 1, /Unbalanced parenthesis/);
  fails("\n// DexExpectWatchValue('x', 1, on_line=ref('nowhere'))", 2, /Unresolved label: 'nowhere'/);
  fails("// DexLabel('a')\n// DexLabel('a')\n", 2, /duplicate line label: 'a'/);
  fails("// DexExpectWatchValue('x', 1, on_line=ref('later'))\n// DexLabel('later')\n", 1, /Unresolved label: 'later'/);
  fails("// DexExpectWatchValue('x', address('p'))\n", 1, /Undeclared address: 'p'/);
  fails("// DexDeclareAddress('p', 'x', on_line=1)\n\n// DexDeclareAddress('p', 'y', on_line=1)\n", 3, /duplicate address: 'p'/);
  fails("// DexExpectWatchValue('x', 1, online=3)\n", 1, /unexpected named args: online/);
  fails("// DexExpectWatchValue('x', 'a', float_range=0.5)\n", 1, /Non-float value 'a'/);
  fails("// DexLimitSteps('x', from_line=1)\n", 1, /expected 0 or at least 2 positional/);
  fails("// DexFinishTest()\n", 1, /on_line/);
  fails("// DexExpectStepKind('SIDEWAYS', 1)\n", 1, /expected arg 0 to be one of/);
  fails("// DexUnreachable(from_line=3)\n", 1, /both from_line and to_line/);
  fails("// DexCommandLine('a')\n", 1, /Expected list/);
  fails("// DexCommandLine(['a'])\n// DexCommandLine(['b'])\n", 2, /More than one DexCommandLine/);
  fails("// see DexLabel for more\n", 1, /Missing open parenthesis/);
  fails("// DexExpectWatchValue('x', 1, on_line='ret')\n", 1, /on_line must be an integer/);
  fails("// DexExpectWatchValue('x', open(1))\n", 1, /name 'open' is not defined/);
  fails("// DexExpectWatchValue('x', 1 +)\n", 1, /invalid syntax/);
  fails("// DexExpectWatchValue('x', 'abc)\n", 1, /Unbalanced parenthesis|unterminated string/);
  // A syntax error on the second line of a command is reported there.
  fails("/*\nDexExpectWatchValue('x',\n   1,\n   2 2)\n*/", 4, /invalid syntax/);
  fails("// DexContinue(from_line=1, to_line=2)\n", 1, /not supported/);
});

test('detect finds a command; Dexter script files and prose do not count', () => {
  assert.equal(dexterCommands.name, 'dexter-commands');
  assert.ok(dexterCommands.detect("int x; // DexExpectWatchValue('x', 1)"));
  assert.ok(dexterCommands.detect('/*\nDexExpectProgramState({})\n*/'));
  assert.ok(!dexterCommands.detect('// Check that \\DexExpectWatchValue works'));
  assert.ok(!dexterCommands.detect('int main() { return 0; }'));
});

test('a Dexter build substitution without flags leaves the defaults', () => {
  const c = parseDexterCommands({ path: FILE, text: '// RUN: %dexter_regression_test_build %s -o %t\nint main() {}\n' });
  assert.deepEqual([c.flags, c.notes], [[], []]);
});

test('Python float repr and the 4-digit score format round as Python does', () => {
  assert.deepEqual([0.1, 1e-5, 1e16, 1.5e16, 123456789012345.6, 2, -0.5, 1e-4].map(pyFloatRepr), [
    '0.1',
    '1e-05',
    '1e+16',
    '1.5e+16',
    '123456789012345.6',
    '2.0',
    '-0.5',
    '0.0001',
  ]);
  // 0.96875 and 0.03125 are exact halves at the 4th decimal: Python rounds to even.
  assert.deepEqual([1, 0.5714285714285714, 0.96875, 0.03125, 0.78125, NaN].map(format4), ['1.0000', '0.5714', '0.9688', '0.0312', '0.7812', 'nan']);
});
