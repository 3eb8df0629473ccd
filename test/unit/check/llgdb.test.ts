import { test } from 'node:test';
import assert from 'node:assert/strict';
import { llgdb, debuggerCommands, gdbOutput } from '../../../src/check/llgdb/index.js';
import { runCommands } from '../../../src/check/llgdb/flags.js';
import { BudgetExceeded, type Debugger, type Stop } from '../../../src/check/debugger.js';
import { DirectiveError, type Trace } from '../../../src/check/format.js';

// A class with static members, examined with ptype and print after a breakpoint in main.
const staticMembers = `// RUN: %clangxx %target_itanium_abi_host_triple -O0 -g %s -o %t -c
// RUN: %clangxx %target_itanium_abi_host_triple %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// XFAIL: !system-darwin && gdb-clang-incompatibility
// DEBUGGER: delete breakpoints
// DEBUGGER: break statics.cpp:21
// DEBUGGER: r
// DEBUGGER: ptype Counter
// CHECK:      {{struct|class}} Counter {
// CHECK:      static const int limit;
// CHECK-NEXT: static int total;
// CHECK-NEXT: int own;
// CHECK-NEXT: }
// DEBUGGER: p Counter::total
// CHECK: \${{[0-9]+}} = 7

class Counter {
public:
  const static int limit = 4;
  static int total;
  int own;
};
int Counter::total = 7;
int main() { Counter c; return c.limit; }
`;

// A value returned from a function, looked at in two functions in turn, with two compile configurations.
const twoStops = `// RUN: %clangxx -O0 -fno-exceptions %target_itanium_abi_host_triple %s \\
// RUN:    -o %t.out -g -fblocks
// RUN: %test_debuginfo %s %t.out
// RUN: %clangxx -O1 -fno-exceptions %target_itanium_abi_host_triple %s \\
// RUN:     -o %t.out -g
// RUN: %test_debuginfo %s %t.out
struct S { int i; };
S make() {
  S result{3};
  // DEBUGGER: break 10
  return result;
}
int main() { make(); }
/* DEBUGGER: r */
  #   DEBUGGER: print result.i
// CHECK:  = [[V:[0-9]+]]
;DEBUGGER: c
// CHECK-NOT: Error
// CHECK: exited
`;

class FakeDebugger implements Debugger {
  readonly sources = ['/t/statics.cpp'];
  ended = false;
  resumptions = 0;
  readonly seen: string[] = [];
  constructor(private readonly outputs: Record<string, string | Error>) {}
  private stop(): Stop {
    return { reason: 'breakpoint', breakpoints: [], frame: undefined };
  }
  async start(): Promise<Stop> {
    this.resumptions++;
    return this.stop();
  }
  async breakAt(): Promise<number> {
    return 1;
  }
  async deleteBreakpoint(): Promise<void> {}
  async continue(): Promise<Stop> {
    return this.stop();
  }
  async step(): Promise<Stop> {
    return this.stop();
  }
  async next(): Promise<Stop> {
    return this.stop();
  }
  async stepOut(): Promise<Stop> {
    return this.stop();
  }
  async frames() {
    return [];
  }
  async evaluate(expression: string) {
    return { expression, value: undefined, type: undefined, optimizedOut: false, irretrievable: false };
  }
  async cli(command: string): Promise<string> {
    this.seen.push(command);
    if (/^(r|c|run|continue)$/.test(command)) this.resumptions++;
    const o = this.outputs[command];
    if (o instanceof Error) throw o;
    return o ?? '';
  }
}

test('detect: DEBUGGER lines in comments', () => {
  assert.equal(llgdb.detect(staticMembers), true);
  assert.equal(llgdb.detect('  # DEBUGGER: r\n'), true);
  assert.equal(llgdb.detect('int main() {}\n// CHECK: x\n'), false);
  assert.equal(llgdb.detect('// DexExpectWatchValue("x", 1)\n'), false);
});

test('parse: DEBUGGER commands in order, whatever the comment', () => {
  assert.deepEqual(
    debuggerCommands(twoStops).map((c) => [c.line, c.command]),
    [
      [10, 'break 10'],
      [14, 'r'],
      [15, 'print result.i'],
      [17, 'c'],
    ],
  );
});

test('parse: RUN lines, continuations joined', () => {
  const runs = runCommands(twoStops);
  assert.equal(runs.length, 4);
  assert.deepEqual(runs[0], { line: 1, text: '%clangxx -O0 -fno-exceptions %target_itanium_abi_host_triple %s -o %t.out -g -fblocks' });
});

test('parse: GCC flags kept, clang-only ones noted, other configurations noted', () => {
  const t = llgdb.parse({ path: '/t/two.cpp', text: twoStops });
  assert.equal(t.format, 'llgdb');
  assert.deepEqual(t.flags, ['-O0', '-fno-exceptions', '-g']);
  assert.ok(t.notes.some((n) => n.startsWith('/t/two.cpp:1:') && n.includes('%target_itanium_abi_host_triple') && n.includes('-fblocks')), t.notes.join('\n'));
  assert.ok(t.notes.some((n) => n.startsWith('/t/two.cpp:4:') && n.includes('-O1 -fno-exceptions -g')), t.notes.join('\n'));
  const s = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  assert.deepEqual(s.flags, ['-O0', '-g']);
  assert.ok(s.notes.some((n) => n.startsWith('XFAIL:')));
  const arch = llgdb.parse({ path: '/t/a.c', text: '// RUN: %clang -arch x86_64 -glldb -DX=1 -I %S/inc -std=c99 %s -o %t\n// DEBUGGER: p 1\n// CHECK: 1\n' });
  assert.deepEqual(arch.flags, ['-DX=1', '-I/t/inc', '-std=c99']);
  assert.ok(arch.notes.some((n) => n.includes('-arch x86_64') && n.includes('-glldb')));
  const none = llgdb.parse({ path: '/t/b.c', text: '// DEBUGGER: p 1\n// CHECK: 1\n' });
  assert.deepEqual(none.flags, []);
});

test('parse: an object file without main is noted', () => {
  const t = llgdb.parse({ path: '/t/o.cpp', text: '// RUN: %clangxx -O0 -g %s -c -o %t.o\n// RUN: %test_debuginfo %s %t.o\n// DEBUGGER: ptype foo\n// CHECK: int (void)\nint foo() { return 1; }\n' });
  assert.ok(t.notes.some((n) => n.includes('no main')));
});

function directiveError(file: string, line: number) {
  return (e: unknown) => e instanceof DirectiveError && e.file === file && e.line === line;
}

test('parse: malformed directives name file:line', () => {
  assert.throws(() => llgdb.parse({ path: '/t/x.c', text: '// DEBUGGER: r\n// CHECK-NEXT: a\n' }), directiveError('/t/x.c', 2));
  assert.throws(() => llgdb.parse({ path: '/t/x.c', text: '// DEBUGGER: r\n// CHECK: a\n// CHECK: {{[a}}\n' }), directiveError('/t/x.c', 3));
  assert.throws(() => llgdb.parse({ path: '/t/x.c', text: '// DEBUGGER: r\n\n// CHECK: [[UNSET]]\n' }), directiveError('/t/x.c', 3));
  assert.throws(() => llgdb.parse({ path: '/t/x.c', text: '// DEBUGGER: r\n// CHECK:\n' }), directiveError('/t/x.c', 2));
  assert.throws(() => llgdb.parse({ path: '/t/x.c', text: '// DEBUGGER: r\n' }), (e: unknown) => e instanceof DirectiveError && /no check strings/.test(e.reason));
});

const ptypeOutput = 'type = class Counter {\n  public:\n    static const int limit;\n    static int total;\n    int own;\n}\n';
const staticOutputs = {
  'break statics.cpp:21': 'Breakpoint 2 at 0x1139: file statics.cpp, line 21.\n',
  r: '\nBreakpoint 2, main () at statics.cpp:21\n21\tint main() { Counter c; return c.limit; }\n',
  'ptype Counter': ptypeOutput,
  'p Counter::total': '$1 = 7\n',
};

test('record: start, then every command through cli, one step each', async () => {
  const t = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  const d = new FakeDebugger(staticOutputs);
  const trace = await t.record(d, { maxSteps: 100 });
  assert.deepEqual(d.seen, ['delete breakpoints', 'break statics.cpp:21', 'r', 'ptype Counter', 'p Counter::total']);
  assert.deepEqual(
    trace.steps.map((s) => [s.index, s.command]),
    d.seen.map((c, i) => [i + 1, c]),
  );
  assert.equal(trace.steps[3]!.output, ptypeOutput);
  assert.equal(trace.aborted, undefined);
  const v = t.judge(trace);
  assert.equal(v.pass, true, v.report);
  assert.deepEqual(v.metrics, { checks: 6, matched: 6 });
});

test('judge: a wrong value fails with FileCheck diagnostics and the output', async () => {
  const t = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  const trace = await t.record(new FakeDebugger({ ...staticOutputs, 'p Counter::total': '$1 = 8\n' }), { maxSteps: 100 });
  const v = t.judge(trace);
  assert.equal(v.pass, false);
  assert.equal(v.reason, '/t/statics.cpp:15:11: error: CHECK: expected string not found in input');
  assert.match(v.report, /statics\.cpp\.gdb\.output:\d+:\d+: note: scanning from here/);
  assert.match(v.report, /Debugger output was:\n[\s\S]*\$1 = 8/);
  assert.deepEqual(v.metrics, { checks: 6, matched: 5 });
});

test('judge: CHECK-NEXT sees a missing member line', async () => {
  const t = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  const broken = ptypeOutput.replace('    static int total;\n', '');
  const v = t.judge(await t.record(new FakeDebugger({ ...staticOutputs, 'ptype Counter': broken }), { maxSteps: 100 }));
  assert.equal(v.pass, false);
  assert.match(v.reason!, /:11:\d+: error: CHECK-NEXT: /);
});

test('record: the first failing command ends the script, as gdb -batch -x does', async () => {
  const t = llgdb.parse({ path: '/t/two.cpp', text: twoStops });
  const d = new FakeDebugger({ r: 'Breakpoint 1, make () at two.cpp:10\n', 'print result.i': '$1 = 3\n', c: new Error('The program is not being run.') });
  const trace = await t.record(d, { maxSteps: 100 });
  assert.equal(trace.steps.length, 4);
  assert.equal(trace.steps[3]!.output, 'two.cpp.debugger.script:4: Error in sourced command file:\nThe program is not being run.\n');
  const v = t.judge(trace);
  assert.equal(v.pass, false);
  assert.match(v.reason!, /two\.cpp:19:\d+: error: CHECK: expected string not found in input/);
  assert.match(v.report, /Error in sourced command file/);
});

test('record: the step budget aborts the trace; a budget error from the debugger propagates', async () => {
  const t = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  const trace = await t.record(new FakeDebugger(staticOutputs), { maxSteps: 1 });
  assert.deepEqual(
    trace.steps.map((s) => s.command),
    ['delete breakpoints', 'break statics.cpp:21', 'r'],
  );
  assert.match(trace.aborted!, /step budget of 1 resumptions exceeded at \/t\/statics\.cpp:7: DEBUGGER: r$/);
  const v = t.judge(trace);
  assert.equal(v.pass, false);
  assert.equal(v.reason, trace.aborted);
  await assert.rejects(t.record(new FakeDebugger({ r: new BudgetExceeded('time budget') }), { maxSteps: 100 }), BudgetExceeded);
});

test('gdbOutput: outputs concatenated, each ending its line', () => {
  const trace: Trace = {
    steps: [
      { index: 1, frames: [], watches: {}, command: 'p 1', output: '$1 = 1' },
      { index: 2, frames: [], watches: {}, command: 'break 3', output: '' },
      { index: 3, frames: [], watches: {}, command: 'p 2', output: '$2 = 2\n' },
    ],
  };
  assert.equal(gdbOutput(trace), '$1 = 1\n$2 = 2\n');
});
