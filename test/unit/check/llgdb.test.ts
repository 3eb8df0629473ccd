import { test } from 'node:test';
import assert from 'node:assert/strict';
import { llgdb, debuggerCommands, gdbOutput } from '../../../src/check/llgdb/index.js';
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

/** What a run of `commands` under GDB records: one step per command (record() under real GDB: llgdb-gdb.test.ts). */
function traceOf(outputs: Record<string, string>, commands = Object.keys(outputs)): Trace {
  return { steps: commands.map((command, i) => ({ index: i + 1, frames: [], watches: {}, command, output: outputs[command] ?? '' })) };
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

test("parse: the first build's flags, what is not given to the compiler noted, other configurations noted", () => {
  const t = llgdb.parse({ path: '/t/two.cpp', text: twoStops });
  assert.equal(t.format, 'llgdb');
  assert.deepEqual(t.flags, ['-O0', '-fno-exceptions', '-g', '-fblocks']);
  assert.ok(t.notes.some((n) => n.startsWith('/t/two.cpp:1:') && n.includes('%target_itanium_abi_host_triple')), t.notes.join('\n'));
  assert.ok(t.notes.some((n) => n.startsWith('/t/two.cpp:4:') && n.includes('-O1 -fno-exceptions -g')), t.notes.join('\n'));
  const s = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  assert.deepEqual(s.flags, ['-O0', '-g']);
  assert.ok(s.notes.some((n) => n.startsWith('XFAIL:')));
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

test('judge: every CHECK matched', () => {
  const t = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  const v = t.judge(traceOf(staticOutputs));
  assert.equal(v.pass, true, v.report);
  assert.deepEqual(v.metrics, { checks: 6, matched: 6 });
});

test('judge: a wrong value fails with FileCheck diagnostics and the output', () => {
  const t = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  const v = t.judge(traceOf({ ...staticOutputs, 'p Counter::total': '$1 = 8\n' }));
  assert.equal(v.pass, false);
  assert.equal(v.reason, '/t/statics.cpp:15:11: error: CHECK: expected string not found in input');
  assert.match(v.report, /statics\.cpp\.gdb\.output:\d+:\d+: note: scanning from here/);
  assert.match(v.report, /Debugger output was:\n[\s\S]*\$1 = 8/);
  assert.deepEqual(v.metrics, { checks: 6, matched: 5 });
});

test('judge: CHECK-NEXT sees a missing member line', () => {
  const t = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  const v = t.judge(traceOf({ ...staticOutputs, 'ptype Counter': ptypeOutput.replace('    static int total;\n', '') }));
  assert.equal(v.pass, false);
  assert.match(v.reason!, /:11:\d+: error: CHECK-NEXT: /);
});

test('judge: an aborted run fails with its reason', () => {
  const t = llgdb.parse({ path: '/t/statics.cpp', text: staticMembers });
  const v = t.judge({ ...traceOf(staticOutputs), aborted: 'maximum number of steps reached (1)' });
  assert.equal(v.pass, false);
  assert.equal(v.reason, 'maximum number of steps reached (1)');
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
