// Dexter's script format: reading scripts (every node kind, every error at its file:line), judging
// hand-built recordings with Dexter's metrics (the figures of Dexter's own script feature tests),
// --update, and the controller's decisions against a scripted debugger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BreakLocation, Debugger, Evaluation, Frame, Stop } from '../../../src/check/debugger.js';
import { DirectiveError, type Trace } from '../../../src/check/format.js';
import { dexterScript, parseScript, type ScriptStep } from '../../../src/check/dexter/script/index.js';
import { watchKey } from '../../../src/check/format.js';
import type { StateNode, VarExpect } from '../../../src/check/dexter/script/nodes.js';
import { pyFloat4 } from '../../../src/check/dexter/script/evaluate.js';

const PATH = '/tests/prog.cpp';

function frame(fn: string, line: number, file = PATH): Frame {
  return { function: fn, file, line, address: '0x1000' };
}

function ev(expression: string, value: string, type = 'int'): Evaluation {
  return { expression, value, type, optimizedOut: false, irretrievable: false };
}

function missing(expression: string): Evaluation {
  return { expression, value: undefined, type: undefined, error: `No symbol "${expression}" in current context.`, optimizedOut: false, irretrievable: false };
}

/** A step: frames leaf first, watches as [expression, value] (or Evaluations), in frame 0 unless keyed `#N expr`. */
function step(index: number, frames: Frame[], watches: (Evaluation | [string, string])[] = [], hitWheres?: number[]): ScriptStep {
  const w: Record<string, Evaluation> = {};
  for (const x of watches) {
    const e = Array.isArray(x) ? ev(x[0], x[1]) : x;
    w[e.expression] = e;
  }
  return { index, frames, watches: w, ...(hitWheres ? { hitWheres } : {}) };
}

function source(script: string, code = 'int main() {}\n'): string {
  return `${code}\n/*\n---\n${script}...\n*/\n`;
}

function parse(text: string) {
  return dexterScript.parse({ path: PATH, text });
}

function metricLines(report: string): string[] {
  return report.split('\n').filter((l) => /^[a-z_]+: /.test(l));
}

// ---------------------------------------------------------------------------------------------
// Detection.

test('detect takes a --- … ... document with Dexter tags, and nothing else', () => {
  assert.equal(dexterScript.detect(source('!where {function: main}:\n    !value x: 1\n')), true);
  assert.equal(dexterScript.detect(source('? !where {lines: 3}\n: !then finish\n')), true);
  // The command format, llgdb's DEBUGGER: lines, and YAML that is not a Dexter script.
  assert.equal(dexterScript.detect('int main() { return 0; } // DexExpectWatchValue(\'x\', 1, on_line=1)\n'), false);
  assert.equal(dexterScript.detect('// DEBUGGER: break main\n// DEBUGGER: r\n// CHECK: x\nint main() {}\n'), false);
  assert.equal(dexterScript.detect('/*\n---\nname: value\nlist: [1, 2]\n...\n*/\n'), false);
  // A tag-looking line outside any document.
  assert.equal(dexterScript.detect('// !where {function: main}: !then finish\n'), false);
});

// ---------------------------------------------------------------------------------------------
// Parsing.

test('every node kind is read with its arguments', () => {
  const code = 'int f(int);\nint main() {\n  int x = 1; // !dex_label start\n  return f(x); // !dex_label done\n}\n';
  const text = source(
    [
      '!where {function: main}:',
      '    !value x: 1',
      '    !and {lines: !range [!label start, !label done - 0], at_frame_idx: 0}:',
      '        !type x: int',
      '    !where {function: f, for_hit_count: 2, after_hit_count: 1, conditions: n > 0}:',
      '        !value n: [1, 2]',
      '        !value p: {a: 1, b: [2, 3]}',
      '        !value q: [{a: 1}, {a: 2}]',
      '        !value ptr: [!address base, !address base + 8, !address end - 2]',
      '        !value fl: [!float 10, !float 5.2 +- 0.01]',
      '        !value fs: !float [1, 2]',
      '        !value fm: !float {values: [1.5, 2.5], range: 0.5}',
      '        ? !value unknown',
      '        !value empty: null',
      '        !step exactly: [3, !label done]',
      '        !step at_least: [3]',
      '        !step never: [!label start + 1]',
      '!where {lines: !label done, file: prog.cpp}: !then finish',
      '!where {lines: 4}: !then step_out',
      '!where {function: g}:',
      '    ? !value/all Locals',
      '',
    ].join('\n'),
    code,
  );
  const s = parseScript(PATH, text);
  assert.equal(s.roots.length, 4);
  const [main, done, four, g] = s.roots as [StateNode, StateNode, StateNode, StateNode];
  assert.equal(main.function, 'main');
  const and = main.children[1] as StateNode;
  assert.equal(and.kind, 'and');
  assert.deepEqual(and.lines, { start: { label: 'start', offset: 0 }, stop: { label: 'done', offset: -0 } });
  assert.equal(and.atFrameIdx, 0);
  const f = main.children[2] as StateNode;
  assert.deepEqual([f.function, f.forHitCount, f.afterHitCount, f.conditions], ['f', 2, 1, 'n > 0']);
  const exp = (name: string) => (s.expects.find((e) => (e.kind === 'value' || e.kind === 'type') && e.expression === name) as VarExpect).expected;
  assert.equal(exp('x'), '1');
  assert.deepEqual(exp('n'), ['1', '2']);
  assert.deepEqual(exp('p'), { kind: 'map', entries: [['a', '1'], ['b', ['2', '3']]] });
  assert.deepEqual(exp('q'), [{ kind: 'map', entries: [['a', '1']] }, { kind: 'map', entries: [['a', '2']] }]);
  assert.deepEqual(exp('ptr'), [
    { kind: 'address', name: 'base', offset: 0 },
    { kind: 'address', name: 'base', offset: 8 },
    { kind: 'address', name: 'end', offset: -2 },
  ]);
  assert.deepEqual(exp('fl'), [
    { kind: 'float', values: [10], list: false, range: undefined },
    { kind: 'float', values: [5.2], list: false, range: 0.01 },
  ]);
  assert.deepEqual(exp('fs'), { kind: 'float', values: [1, 2], list: true, range: undefined });
  assert.deepEqual(exp('fm'), { kind: 'float', values: [1.5, 2.5], list: true, range: 0.5 });
  assert.equal(exp('unknown'), null);
  assert.equal(exp('empty'), null);
  const steps = s.expects.filter((e) => e.kind === 'step');
  assert.deepEqual(steps.map((e) => e.kind === 'step' && [e.stepKind, e.expected]), [
    ['exactly', [3, { label: 'done', offset: 0 }]],
    ['at_least', [3]],
    ['never', [{ label: 'start', offset: 1 }]],
  ]);
  assert.deepEqual([done.file, done.then], ['prog.cpp', { kind: 'then', command: 'finish', line: done.line }]);
  assert.equal(four.then?.command, 'step_out');
  assert.equal(g.children[0]!.kind, 'value/all');
  // Lines are those of the test file: the document opens after the code.
  assert.equal(main.line, code.split('\n').length + 3);
  assert.equal(main.repr, 'Where(function=main)');
  assert.equal(and.repr, 'And(lines=[Label(start) - Label(done)], at_frame_idx=0)');
  // The whole thing is accepted by the format, with a note about !value/all.
  assert.match(parse(text).notes.join('\n'), /!value\/all/);
});

test('the first valid Dexter script of a file is used', () => {
  const text = 'int main() {}\n/*\n---\nname: not dexter\n...\n*/\n/*\n---\n!where {function: main}:\n    !value a: 1\n...\n*/\n';
  const s = parseScript(PATH, text);
  assert.equal(s.roots[0]!.function, 'main');
  assert.equal(s.roots[0]!.line, 9);
});

test('each malformed node fails with its file and line', () => {
  const cases: [string, RegExp][] = [
    ['!where {function: main, line: 3}:\n    !value a: 1\n', /unexpected attributes line/],
    ['!where {function: main}: !then jump\n', /Invalid !then command "jump"/],
    ['!where {function: main}:\n    !step sometimes: [1]\n', /invalid !step kind "sometimes"/],
    ['!and {function: main}:\n    !value a: 1\n', /!and cannot appear at the root/],
    ['!where {function: main, at_frame_idx: 1}:\n    !value a: 1\n', /at_frame_idx can only be used with !and/],
    ['!where {lines: !range [1, 2, 3]}:\n    !value a: 1\n', /range must have exactly 2 int elements/],
    ['!where {lines: !label nowhere}:\n    !value a: 1\n', /Label "nowhere" not found/],
    ['!where {function: main}:\n    !value f: !float ten\n', /!float received non-float value/],
    ['!where {function: main, lines: 3}:\n    !value a: 1\n', /both function and lines/],
    ['!where {for_hit_count: 2}:\n    !value a: 1\n', /can't check hit counts/],
    ['!where {function: main}:\n    !value a: [1, 2\n', /./],
    ['!value a: 1\n', /must be the child of a !where/],
    ['!where {function: main}:\n    !step exactly: 3\n', /!step expects a list of lines/],
    ['!where {function: main}:\n    !value a: {}\n', /at least one member/],
  ];
  const firstScriptLine = 4; // `int main() {}`, blank, `/*`, `---`
  for (const [script, reason] of cases) {
    const text = source(script);
    const lines = script.split('\n');
    let err: unknown;
    try {
      parse(text);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof DirectiveError, `${script}: ${String(err)}`);
    assert.equal(err.file, PATH);
    assert.match(err.reason, reason, script);
    assert.ok(err.line > firstScriptLine && err.line <= firstScriptLine + lines.length, `${script}: line ${err.line}`);
    assert.ok(err.message.startsWith(`${PATH}:${err.line}: `));
  }
  // The line is the offending node's own.
  try {
    parse(source('!where {function: main}:\n    !value a: 1\n    !step sometimes: [1]\n'));
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof DirectiveError);
    assert.equal(e.line, firstScriptLine + 3);
  }
});

// ---------------------------------------------------------------------------------------------
// GDB's value forms.

// ---------------------------------------------------------------------------------------------
// Judging: the figures are those Dexter's own feature tests check.

test('a mixed script gives basic_evaluate.cpp’s figures', () => {
  // multiply(b=6, a=7) returns 42 at line 3; main has a=6, b=7 at line 8; line 100 is never reached.
  const code = 'int multiply(int b, int a) {\n  int result = a * b;\n  return result;\n}\nint main() {\n  int a = 6; int b = 7;\n  int c = multiply(a, b);\n  return c;\n}\n';
  const script = [
    '!where {lines: 3}:',
    '    !value a: 5',
    '    !value b: 6',
    '    !value result: [40, 42]',
    '!where {lines: 8}:',
    '    !value a: [6, 6]',
    '    !value b: 7',
    '    !value not_real: 42',
    '!where {lines: 100}:',
    '    !value irrelevant: 10',
    "    !value unseen: 'abc'",
    '',
  ].join('\n');
  const t = parse(source(script, code));
  const trace: Trace = {
    steps: [
      step(1, [frame('multiply', 3), frame('main', 7)], [['a', '7'], ['b', '6'], ['result', '42']]),
      step(2, [frame('multiply', 4), frame('main', 7)]),
      step(3, [frame('main', 8)], [['a', '6'], ['b', '7'], missing('not_real')]),
      step(4, [frame('main', 9)]),
    ],
  };
  const v = t.judge(trace);
  // CHECK lines of basic_evaluate.cpp, in order.
  const checks = [
    'total_watched_steps: 6',
    'correct_steps: 4',
    'incorrect_steps: 2',
    'missing_var_steps: 1',
    'unexpected_value_steps: 1',
    'correct_step_coverage: 66.7% (4/6)',
    'seen_values: 5',
    'missing_values: 5',
  ];
  const lines = metricLines(v.report);
  let at = 0;
  for (const c of checks) {
    const i = lines.indexOf(c, at);
    assert.ok(i >= 0, `${c} not found after line ${at} in\n${v.report}`);
    at = i + 1;
  }
  assert.match(v.report, /^prog\.cpp: $/m);
  assert.equal(v.metrics.correct_step_coverage!.toFixed(4), ((4 / 6) * 100).toFixed(4));
  assert.equal(v.metrics.seen_values, 5);
  assert.equal(v.pass, false);
  assert.match(v.reason!, /Value\(a\) \(line \d+\)/);
});

test('aggregates by member give eval_aggregates.cpp’s figures', () => {
  const script = [
    '!where {lines: 5}:',
    '    !value P:',
    '        X: 1',
    '        Y: 0',
    '        W: 8',
    '    !value I:',
    '        "*I": 1',
    '    !value R:',
    '        TopLeft: {X: 1, Y: 1, Z: 1}',
    '        BottomRight: {X: 2, Y: 2, Z: 2}',
    '    !value L: {"[0]": 0, "[1]": 1, "[2]": 2, "[3]": 3, "[4]": 4}',
    '',
  ].join('\n');
  const t = parse(source(script));
  const w: Evaluation[] = [
    ev('P', '{X = 1, Y = 2, Z = 3}', 'Point'),
    ev('(P).X', '1'),
    ev('(P).Y', '2'),
    { ...missing('(P).W'), error: 'There is no member named W.' },
    ev('I', '0x7ffc0010', 'int *'),
    ev('*(I)', '1'),
    ev('R', '{...}', 'Rect'),
  ];
  for (const c of ['TopLeft', 'BottomRight'])
    for (const [m, v] of [['X', c === 'TopLeft' ? '1' : '2'], ['Y', c === 'TopLeft' ? '1' : '2'], ['Z', c === 'TopLeft' ? '1' : '2']] as const)
      w.push(ev(`((R).${c}).${m}`, v), ev(`(R).${c}`, '{...}'));
  w.push(ev('L', '{0, 1, 2, 3, 4}', 'int [5]'));
  for (let i = 0; i < 5; i++) w.push(ev(`(L)[${i}]`, String(i)));
  const v = t.judge({ steps: [step(1, [frame('main', 5)], w)] });
  const lines = metricLines(v.report);
  for (const c of [
    'total_watched_steps: 4',
    'correct_steps: 3',
    'incorrect_steps: 1',
    'partial_step_correctness: 3.333',
    'missing_var_steps: 0',
    'unexpected_value_steps: 1',
    'seen_values: 13',
    'missing_values: 2',
  ])
    assert.ok(lines.includes(c), `${c} in\n${v.report}`);
  assert.match(v.report, /Non-matching nodes: \[Value\(P\)=\{ "X": 1, "Y": 2, "W": <Missing> \}\]/);
});

test('!address labels bind on first use, as in eval_address.cpp', () => {
  const script = [
    '!where {lines: 10}:',
    '    !value Start: !address data',
    '    !value FalseStart: !address data',
    '!where {lines: 11}:',
    '    !value EvenFalserStart: !address data',
    '!where {lines: 14}:',
    '    !value Pos:',
    ...[4, 5, 6, 7, 8, 9].map((n) => `    - !address data + ${n}`),
    '!where {lines: 16}:',
    '    !value Middle: !address data + 5',
    '    !value NearEnd: !address end - 2',
    '    !value Range:',
    '        Begin: !address data + 2',
    '        Length: 4',
    '',
  ].join('\n');
  const t = parse(source(script));
  const base = 0x7ffe1000;
  const hex = (n: number) => `0x${(base + n).toString(16)}`;
  const ptr = (name: string, n: number) => ev(name, `${hex(n)} ""`, 'char *');
  const steps: ScriptStep[] = [
    step(1, [frame('main', 10)], [ptr('Start', 0), ptr('FalseStart', 1)]),
    step(2, [frame('main', 11)], [ptr('EvenFalserStart', 2)]),
  ];
  for (let i = 0; i < 6; i++) steps.push(step(3 + i, [frame('main', 14)], [ptr('Pos', 4 + i)]));
  steps.push(step(9, [frame('main', 16)], [ptr('Middle', 5), ptr('NearEnd', 8), ev('Range', '{...}', 'SubRange'), ptr('(Range).Begin', 2), ev('(Range).Length', '4')]));
  const v = t.judge({ steps });
  const lines = metricLines(v.report);
  for (const c of ['total_watched_steps: 12', 'correct_steps: 10', 'incorrect_steps: 2', 'missing_var_steps: 0', 'unexpected_value_steps: 2', 'seen_values: 11', 'missing_values: 2'])
    assert.ok(lines.includes(c), `${c} in\n${v.report}`);
  const nonMatching = v.report.split('\n').filter((l) => l.includes('Non-matching nodes:'));
  assert.equal(nonMatching.length, 2);
  assert.match(nonMatching[0]!, /Value\(FalseStart\)/);
  assert.match(nonMatching[1]!, /Value\(EvenFalserStart\)/);
});

test('!type compares GDB type names, as in eval_types.cpp', () => {
  const script = '!where {lines: 5}:\n  !type a: int\n  !type b: NormalInt\n  !type c: Twople<bool, bool>\n  !type d:\n    First: float\n    Second: int\n  !type e: char*\n';
  const t = parse(source(script));
  const w = [ev('a', '0', 'int'), ev('b', '1', 'NormalInt'), ev('c', '{...}', 'Twople<bool, bool>'), ev('d', '{...}', 'Pair'), ev('(d).First', '1', 'float'), ev('(d).Second', '2', 'int'), ev('e', '0x0', 'char *')];
  const v = t.judge({ steps: [step(1, [frame('main', 5)], w)] });
  const lines = metricLines(v.report);
  for (const c of ['correct_step_coverage: 100.0% (5/5)', 'seen_types: 6', 'missing_types: 0', 'unexpected_type_steps: 0']) assert.ok(lines.includes(c), `${c} in\n${v.report}`);
  assert.equal(v.pass, true);
  // A wrong type fails.
  const bad = t.judge({ steps: [step(1, [frame('main', 5)], [...w.slice(0, 6), ev('e', '0x0', 'int *')])] });
  assert.equal(bad.pass, false);
  assert.equal(bad.metrics.unexpected_type_steps, 1);
});

test('!step metrics give eval_steps_penalties.cpp’s figures', () => {
  // Labels: rbegin 2, error_check 6, fac_start 10.
  const code = ['int x;', 'int a; // !dex_label rbegin', 'int b;', 'int c;', 'int d;', 'int e; // !dex_label error_check', 'int f;', '', '', 'int g; // !dex_label fac_start'].join('\n') + '\n';
  const S = 10;
  const script = [
    '!where {lines: !range [!label rbegin, !label rbegin + 2]}:',
    '  !step at_least: [!label rbegin, !label rbegin + 1, !label rbegin + 2]',
    '!where {lines: !range [!label error_check, !label error_check + 1]}:',
    '  !step never: [!label error_check + 1]',
    '!where {lines: !range [!label fac_start, !label fac_start + 5]}:',
    '  !step exactly: [!label fac_start,',
    '    !label fac_start + 1, !label fac_start + 2, !label fac_start + 1, !label fac_start + 2,',
    '    !label fac_start + 1, !label fac_start + 2, !label fac_start + 1, !label fac_start + 4, !label fac_start + 5]',
    '',
  ].join('\n');
  const t = parse(source(script, code));
  const lines = [4, 3, 2, 6, 7, S, S + 1, S + 2, S + 1, S + 2, S + 1, S + 2, S + 1, S + 3, S + 5];
  const v = t.judge({ steps: lines.map((l, i) => step(i + 1, [frame('f', l)])) });
  const out = metricLines(v.report);
  const checks = ['total_line_steps: 15', 'correct_line_steps: 11', 'correct_line_score: 73.3% (11/15)', 'misordered_line_steps: 2', 'missing_lines: 1', 'incorrect_line_steps: 2', 'unexpected_lines: 2'];
  assert.deepEqual(out, checks);
  assert.equal(v.pass, false);
  // The same expects are all met when the lines are those expected.
  const good = [2, 3, 4, 6, S, S + 1, S + 2, S + 1, S + 2, S + 1, S + 2, S + 1, S + 4, S + 5];
  const vg = t.judge({ steps: good.map((l, i) => step(i + 1, [frame('f', l)])) });
  assert.equal(vg.pass, true, vg.reason);
  assert.equal(metricLines(vg.report)[2], 'correct_line_score: 100.0% (14/14)');
});

test('!float compares numbers, with or without a range', () => {
  const script = '!where {lines: 5}:\n  !value a: !float {range: 0.5, values: [1.0, 101.0]}\n  !value b: [!float 10, !float 5.2 +- 0.01]\n';
  const t = parse(source(script));
  const mk = (a: string, b: string, i: number) => step(i, [frame('main', 5)], [['a', a], ['b', b]]);
  const v = t.judge({ steps: [mk('1.4999', '10', 1), mk('101', '5.205', 2), mk('1', '5.2', 3)] });
  assert.equal(v.pass, true, v.reason);
  assert.equal(v.metrics.seen_values, 4);
  const bad = t.judge({ steps: [mk('1.6', '10.001', 1)] });
  assert.equal(bad.pass, false);
  assert.equal(bad.metrics.unexpected_value_steps, 2);
  assert.equal(bad.metrics.missing_values, 4);
});

test('chars, optimized-out and unreadable values count as Dexter counts them', () => {
  const t = parse(source("!where {lines: 5}:\n  !value c: ['a', 'b']\n  !value o: 1\n  !value r: 2\n"));
  const v = t.judge({
    steps: [
      step(1, [frame('main', 5)], [
        ev('c', "97 'a'", 'char'),
        { expression: 'o', value: '<optimized out>', type: 'int', optimizedOut: true, irretrievable: false },
        { expression: 'r', value: undefined, type: 'int', optimizedOut: false, irretrievable: true, error: 'Cannot access memory at address 0x0' },
      ]),
      step(2, [frame('main', 5)], [ev('c', "98 'b'", 'char'), ev('o', '1'), ev('r', '2')]),
    ],
  });
  assert.equal(v.metrics.optimized_out_steps, 1);
  assert.equal(v.metrics.irretrievable_steps, 1);
  assert.equal(v.metrics.correct_steps, 4);
  assert.equal(v.metrics.seen_values, 4);
  assert.equal(v.pass, false, 'two steps were not correct');
});

test('nested !where, !and at_frame_idx, hit counts and conditions choose the active steps', () => {
  const script = [
    '!where {function: main}:',
    '    !where {function: twice, for_hit_count: 2}:',
    '        !value v: [0, 1]',
    '        !and {at_frame_idx: 1}:',
    '            !value k: [0, 1]',
    '    !where {function: twice, after_hit_count: 2}:',
    '        !value v: 2',
    '    !where {function: twice, conditions: v == 1}:',
    '        !value v: 1',
    '',
  ].join('\n');
  const t = parse(source(script));
  const steps: ScriptStep[] = [];
  for (let k = 0; k < 3; k++) {
    steps.push(step(steps.length + 1, [frame('main', 3)]));
    steps.push(
      step(
        steps.length + 1,
        [frame('twice', 1), frame('main', 3)],
        [['v', String(k)], ev(watchKey('k', 1), String(k)), ev('v == 1', k === 1 ? '1' : '0')],
        [1, 5, 7],
      ),
    );
  }
  const v = t.judge({ steps });
  assert.equal(v.pass, true, `${v.reason}\n${v.report}`);
  // for_hit_count 2: v and k twice; after_hit_count 2: once; the condition: once.
  assert.equal(v.metrics.total_watched_steps, 6);
  // Breaking the condition's recorded value makes its where inactive: its value is then never seen.
  steps[3]!.watches['v == 1'] = ev('v == 1', '0');
  const w = t.judge({ steps });
  assert.equal(w.pass, false);
  assert.equal(w.metrics.total_watched_steps, 5);
});

test('pyFloat4 prints as Python prints format(v, ".4")', () => {
  assert.equal(pyFloat4(3.3333333), '3.333');
  assert.equal(pyFloat4(4), '4.0');
  assert.equal(pyFloat4(0), '0.0');
  assert.equal(pyFloat4(12.5), '12.5');
  assert.equal(pyFloat4(12346), '1.235e+04');
  assert.equal(pyFloat4(0.00001234), '1.234e-05');
  assert.equal(pyFloat4(0.5), '0.5');
});

// ---------------------------------------------------------------------------------------------
// --update.

test('update fills placeholders; the result re-parses and passes on the same trace', () => {
  const code = 'int main() {\n  for (int i = 0; i < 3; ++i)\n    (void)0; // !dex_label loop\n  return 0;\n}\n';
  const script = [
    '!where {lines: !label loop}:',
    '    ? !value i',
    "    !value '*p': null",
    '    !type i: null # the type',
    '    !value c: 5',
    '!where {function: main}:',
    '    !step exactly:',
    '',
  ].join('\n');
  const text = source(script, code);
  const t = dexterScript.parse({ path: PATH, text });
  const steps: ScriptStep[] = [];
  for (let i = 0; i < 3; i++) {
    steps.push(step(steps.length + 1, [frame('main', 2)]));
    steps.push(step(steps.length + 1, [frame('main', 3)], [['i', String(i)], ev('*p', "0x1000 \"a b\"", 'char *'), ['c', '5']]));
  }
  steps.push(step(steps.length + 1, [frame('main', 4)]));
  const trace: Trace = { steps };
  const updated = t.update!(trace);
  assert.ok(updated);
  assert.match(updated, /^ {4}!value i: \[0, 1, 2\]$/m);
  assert.match(updated, /^ {4}!value '\*p': "0x1000 \\"a b\\""$/m);
  assert.match(updated, /^ {4}!type i: int # the type$/m);
  assert.match(updated, /^ {4}!step exactly: \[2, 3, 2, 3, 2, 3, 4\]$/m);
  assert.match(updated, /^ {4}!value c: 5$/m);
  // Everything outside the script is untouched.
  assert.ok(updated.startsWith(code));
  const again = dexterScript.parse({ path: PATH, text: updated });
  assert.equal(again.update!(trace), undefined, 'nothing left to fill');
  const v = again.judge(trace);
  assert.equal(v.pass, true, `${v.reason}\n${v.report}`);
  // Judging the original, Dexter-like, fills first and then evaluates.
  const v0 = t.judge(trace);
  assert.match(v0.report, /Rewrote script to add 4 expected values/);
  assert.deepEqual(v0.metrics, v.metrics);
});

// ---------------------------------------------------------------------------------------------
// The controller, against a scripted debugger.

/** A debugger that plays a fixed list of stops; records what it was asked. */
class Scripted implements Debugger {
  readonly sources = [PATH];
  resumptions = 0;
  ended = false;
  readonly calls: string[] = [];
  private at = -1;
  private bp = 0;
  readonly bps = new Map<number, string>();

  constructor(private readonly stops: { frames: Frame[]; values?: Record<string, string>; bps?: string[] }[]) {}

  private go(kind: string): Stop {
    this.calls.push(kind);
    this.resumptions++;
    this.at++;
    const s = this.stops[this.at];
    if (!s) {
      this.ended = true;
      return { reason: 'exited', breakpoints: [], exitCode: 0, frame: undefined };
    }
    const hit = [...this.bps].filter(([, loc]) => s.bps?.includes(loc)).map(([id]) => id);
    return { reason: hit.length ? 'breakpoint' : 'step', breakpoints: hit, frame: s.frames[0] };
  }
  async start() {
    return this.go('start');
  }
  async breakAt(where: BreakLocation) {
    const loc = 'function' in where ? where.function : `${where.file}:${where.line}`;
    this.calls.push(`break ${loc}`);
    this.bps.set(++this.bp, loc);
    return this.bp;
  }
  async deleteBreakpoint(id: number) {
    this.calls.push(`delete ${this.bps.get(id)}`);
    this.bps.delete(id);
  }
  async continue() {
    return this.go('continue');
  }
  async step() {
    return this.go('step');
  }
  async next() {
    return this.go('next');
  }
  async stepOut() {
    return this.go('stepOut');
  }
  async frames() {
    return this.stops[this.at]?.frames ?? [];
  }
  async evaluate(expression: string, frameIdx = 0) {
    this.calls.push(`eval ${expression}${frameIdx ? ` #${frameIdx}` : ''}`);
    const v = this.stops[this.at]?.values?.[expression];
    return v === undefined ? missing(expression) : ev(expression, v);
  }
  async cli() {
    return '';
  }
}

test('the controller steps in active frames, steps out, continues, and sets nested breakpoints', async () => {
  const script = ['!where {function: main}:', '    !where {function: helper}:', '        !value h: 1', '!where {lines: 20}: !then finish', ''].join('\n');
  const t = parse(source(script));
  const d = new Scripted([
    { frames: [frame('main', 2)] }, // entry stop: main matches the leaf → next
    { frames: [frame('main', 3)] }, // next → next
    { frames: [frame('helper', 10), frame('main', 3)], values: { h: '1' }, bps: ['helper'] },
    { frames: [frame('deep', 30), frame('helper', 11), frame('main', 3)] }, // matches above the leaf → stepOut
    { frames: [frame('main', 20)], bps: [`${PATH}:20`] }, // !then finish
    { frames: [frame('main', 21)] },
  ]);
  const trace = await t.record(d, { maxSteps: 100 });
  assert.deepEqual(d.calls, [
    'start',
    'break main',
    `break ${PATH}:20`,
    'break helper', // pending under main
    'next',
    'next',
    'eval h',
    'delete helper', // helper matches now: no longer pending
    'next',
    'stepOut',
    'break helper', // main matches the leaf again: helper is pending again
  ]);
  assert.equal(trace.steps.length, 5);
  assert.equal(trace.aborted, undefined);
  assert.deepEqual((trace.steps[2] as ScriptStep).hitWheres, [1]);
  assert.equal(t.judge(trace).pass, true);
});

test('the controller continues past an entry stop that no node matches, and stops at the step budget', async () => {
  const t = parse(source('!where {lines: 10}:\n    !value x: 1\n'));
  const d = new Scripted([{ frames: [frame('main', 2)] }, ...Array.from({ length: 20 }, () => ({ frames: [frame('main', 10)], values: { x: '1' }, bps: [`${PATH}:10`] }))]);
  const trace = await t.record(d, { maxSteps: 5 });
  assert.equal(d.calls[2], 'continue');
  assert.equal(trace.steps[0]!.frames[0]!.line, 10, 'the entry stop is not recorded');
  assert.match(trace.aborted ?? '', /step budget \(5 resumptions\)/);
  assert.equal(d.resumptions, 5);
});

test('a root !where matches the root-most frame: a recursive call is not a new match', () => {
  const t = parse(source('!where {function: fib}:\n    !value n: 3\n'));
  const v = t.judge({
    steps: [
      step(1, [frame('fib', 2), frame('main', 9)], [['n', '3']]),
      step(2, [frame('fib', 2), frame('fib', 4), frame('main', 9)], [['n', '2']]),
      step(3, [frame('fib', 4), frame('main', 9)], [['n', '3']]),
    ],
  });
  assert.equal(v.metrics.total_watched_steps, 2);
  assert.equal(v.pass, true, v.reason);
  assert.match(v.report, /Step 2:\n.*\n  Active !where nodes:\n    Frame 1: \[Where\(function=fib\)\]\n/);
});

test('update writes an aggregate member by member, and the rewritten script passes on the same trace', () => {
  const text = source('!where {lines: 5}:\n    ? !value b\n    ? !value row\n    ? !value big\n');
  const t = parse(text);
  const trace: Trace = {
    steps: [
      step(1, [frame('main', 5)], [
        ev('b', '{corner = {x = 1, y = 2}, name = 0x4008 "a, b", tag = 97 \'a\'}', 'Box'),
        ev('row', '{7, 8, 9}', 'int [3]'),
        ev('big', "{0 <repeats 16 times>}", 'int [16]'),
      ]),
    ],
  };
  const updated = t.update!(trace)!;
  assert.match(updated, /^ {4}!value b: \{corner: \{x: 1, y: 2\}, name: "0x4008 \\"a, b\\"", tag: "97 'a'"\}$/m);
  assert.match(updated, /^ {4}!value row: \{"\[0\]": 7, "\[1\]": 8, "\[2\]": 9\}$/m);
  assert.match(updated, /^ {4}!value big: "\{0 <repeats 16 times>\}"$/m);
  const v = parse(updated).judge(trace);
  assert.equal(v.pass, true, `${v.reason}\n${v.report}`);
  assert.equal(v.metrics.seen_values, 8);
});
