// llgdb tests end to end: built with g++, run under GDB natively and under the JIT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { llgdb } from '../../../src/check/llgdb/index.js';
import { GdbDebugger } from '../../../src/check/gdb.js';
import { build } from '../../../src/check/build.js';

// A value returned by a function, seen at a breakpoint in two calls, then the backtrace, finish and the exit.
const source = `// RUN: %clangxx -O0 -fno-exceptions %target_itanium_abi_host_triple %s \\
// RUN:    -o %t.out -g
// RUN: %test_debuginfo %s %t.out
volatile int sideeffect = 0;
void __attribute__((noinline)) stop() { sideeffect++; }
struct S { S(int i) : i(i) {} ~S() {} int i; };
S __attribute__((noinline)) make(int v) {
  S result = v;
  // DEBUGGER: break 10
  stop();
  return result;
}
int main() {
  make(3);
  make(5);
}
// DEBUGGER: r
// DEBUGGER: print result.i
// CHECK:  = 3
// DEBUGGER: c
// DEBUGGER: print result.i
// CHECK:  = [[FIVE:5]]
// DEBUGGER: bt
// CHECK: #0 {{.*}}make{{.*}} (v=[[FIVE]])
// CHECK-NEXT: #1 {{.*}} in main
// DEBUGGER: finish
// CHECK: Value returned is \${{[0-9]+}} = {i = [[FIVE]]}
// DEBUGGER: c
// CHECK: exited normally
// DEBUGGER: c
// CHECK: The program is not being run.
`;

const tools = ['gdb', 'g++'].every((t) => spawnSync(t, ['--version']).status === 0);

for (const mode of ['native', 'jit'] as const) {
  test(`llgdb under GDB, ${mode}`, { skip: tools ? false : 'no gdb or g++', timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llgdb-'));
    try {
      const file = join(dir, 'stops.cpp');
      writeFileSync(file, source);
      const t = llgdb.parse({ path: file, text: source });
      const program = await build([file], t.flags, { cc: 'gcc', cxx: 'g++' }, dir, true);
      const d = await GdbDebugger.open({ mode, program: mode === 'native' ? [program.exe] : program.objects, args: [], sources: [file], cwd: dir, output: join(dir, 'out'), deadline: Date.now() + 100_000, maxSteps: 100 });
      try {
        const trace = await t.record(d, { maxSteps: 100 });
        const v = t.judge(trace);
        assert.equal(v.pass, true, `${v.report}\n${trace.steps.map((s) => `> ${s.command}\n${s.output}`).join("")}`);
        assert.deepEqual(v.metrics, { checks: 7, matched: 7 });
        assert.equal(trace.steps.length, 9);
      } finally {
        await d.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
