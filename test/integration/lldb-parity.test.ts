// LLDB parity: each scenario drives lldb-14 over a corpus program linked natively and over the
// same objects linked by `jitdbg run` inside Node, typing the same commands; what LLDB shows
// must be equal: how many locations a breakpoint by name or FILE:LINE finds (for every function
// of every module of a batch), stop locations, backtraces down to main, `frame variable`,
// globals, C++ objects, step, next, finish and its value, C++ exception breakpoints. Each
// scenario also checks the native observation against what the source says, so that two
// equally broken runs cannot pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { program, type Program } from './gdb-harness.js';
import { scenario, type Commands } from './lldb-harness.js';

interface Place {
  func: string | null;
  file: string | null;
  line: number | null;
}
interface Stop {
  reason: string;
  frame: Place;
  returned: string | null;
}
type Output = { out: string; error: string };

function parity(title: string, programs: Program[], commands: Commands, expect: (native: unknown[]) => void, args: string[] = []): void {
  for (const p of programs) {
    test(`${title}: ${p.name} under LLDB, native and under jitdbg run`, async () => {
      const native = await scenario(p, 'native', commands, args);
      const jit = await scenario(p, 'jit', commands, args);
      expect(native);
      assert.deepEqual(jit, native);
    });
  }
}

/** A program as gcc and as clang built it: fact.O0 and fact.clang-O0. */
function built(name: string): Program[] {
  const [base, variant] = name.split('.');
  return [program(name), program(`${base}.clang-${variant}`)];
}

const funcs = (bt: unknown) => (bt as Place[]).map((f) => f.func);
const out = (o: unknown) => (o as Output).out;

/** The functions the program's objects define, as readelf lists their symbols (C++ names mangled). */
function definedFunctions(p: Program): string[] {
  const names = new Set<string>();
  for (const o of p.objects) {
    for (const line of execFileSync('readelf', ['-sW', o], { encoding: 'utf8' }).split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f[3] === 'FUNC' && f[6] !== 'UND' && f[7]) names.add(f[7]);
    }
  }
  return [...names].sort();
}

// The fault LLDB 14 showed on batch images (one image per batch): it merges sections by name, so
// with one `.text` per module a name in the second module also resolved into the first. Every
// function of every module, by name, once the program is at main: the same locations (function,
// file, line) as natively. -ffunction-sections gives each function a `.text.NAME` of its own.
// twice has static functions of one name in both modules and inline code both emit: GNU ld
// resolves the dropped copy's DWARF into the kept copy, and natively LLDB then finds add<int>
// at two places.
for (const p of [...built('calls.O0'), program('calls.fsec'), program('calls.O2'), program('catcher.O0'), program('catcher.clang-O2'), ...built('twice.O0'), program('twice.O2'), program('containers.O0'), program('streams.O0')]) {
  const names = definedFunctions(p);
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-lldb-names-'));
  const list = join(dir, 'names');
  writeFileSync(list, names.join('\n'));
  // Under jitdbg both LLDB's own `b NAME` and jitdbg-break NAME (which looks in JIT code only) are asked.
  parity(`every function by name finds the native locations (${names.length} names)`, [p], (brk, mode) => [
    brk('main'), 'run', `probe functions ${list}`, `probe ${mode === 'native' ? '' : 'jitdbg-'}functions ${list}`,
  ], ([found, again]) => {
    const byName = found as Record<string, Place[]>;
    assert.deepEqual(again, found);
    assert.equal(Object.keys(byName).length, names.length);
    assert.equal(byName.main!.length, 1);
    assert.ok(Object.values(byName).filter((l) => l.length === 1).length >= names.length / 2, 'most names have one location');
  });
  test.after(() => rmSync(dir, { recursive: true, force: true }));
}

parity('break by name, backtrace, frame variable, finish', built('fact.O0'), (brk) => [
  brk('fact'), 'run', 'probe stop', 'probe locations 1', 'probe bt', 'probe command frame variable', 'breakpoint delete 1', 'finish', 'probe stop',
], ([stop, locations, bt, variables, finished]) => {
  assert.deepEqual((stop as Stop).frame, { func: 'fact', file: 'fact.c', line: 13 });
  assert.equal((locations as Place[]).length, 1);
  assert.deepEqual(funcs(bt), ['fact', 'main']);
  assert.equal(out(variables), '(int) n = 5\n');
  assert.equal((finished as Stop).returned, '120');
  assert.equal((finished as Stop).frame.func, 'main');
});

// Node has a main of its own: jitdbg-break main stops in the program's main only.
parity('break main stops in the program\'s main, next stays in it', built('fact.O0'), (brk) => [
  brk('main'), 'run', 'probe stop', 'probe locations 1', 'probe bt', 'next', 'probe stop', 'next', 'probe stop',
], ([stop, locations, bt, ...nexts]) => {
  assert.deepEqual((stop as Stop).frame, { func: 'main', file: 'fact.c', line: 36 });
  assert.equal((locations as Place[]).length, 1);
  assert.deepEqual(funcs(bt), ['main']);
  assert.deepEqual(nexts.map((s) => `${(s as Stop).frame.func}:${(s as Stop).frame.line}`), ['main:37', 'main:38']);
});

parity('break by file:line, recursion, globals, structs, types', built('fact.O0'), (brk) => [
  brk('fact.c:15'), 'run', 'probe stop', 'probe locations 1', 'probe bt',
  'probe command frame variable n', 'probe command target variable calls origin greeting table',
  'probe command image lookup -t point', 'probe command frame select 5', 'probe command frame variable n argc',
], ([stop, locations, bt, n, globals, type, , main]) => {
  assert.equal((stop as Stop).frame.line, 15);
  assert.equal((locations as Place[]).length, 1);
  assert.deepEqual(funcs(bt), ['fact', 'fact', 'fact', 'fact', 'fact', 'main']);
  assert.equal(out(n), '(int) n = 1\n');
  assert.match(out(globals), /\(int\) calls = 5\n/);
  assert.match(out(globals), /origin = \(x = 3, y = 4, weight = 0.5\)/);
  assert.match(out(type), /double weight;/);
  assert.match(out(main), /\(int\) argc = 1\n/);
});

// calls.c and util.c are two modules of one batch under jitdbg: step crosses from one into the other.
parity('step into another module of the batch, next, finish, its globals', built('calls.O0'), (brk) => [
  brk('calls.c:15'), 'run', 'probe stop', 'step', 'probe stop', 'probe bt', 'probe command frame variable',
  'next', 'probe stop', 'probe command target variable accumulated shared_common', 'finish', 'probe stop',
], ([stop, stepped, bt, args, next, globals, finished]) => {
  assert.equal((stop as Stop).frame.line, 15);
  assert.deepEqual((stepped as Stop).frame, { func: 'accumulate', file: 'util.c', line: 9 });
  assert.deepEqual(funcs(bt), ['accumulate', 'main']);
  assert.equal(out(args), '(long) v = 1\n');
  assert.equal((next as Stop).frame.line, 10);
  assert.match(out(globals), /\(long\) accumulated = 1\n/);
  assert.equal((finished as Stop).returned, '1');
});

parity('C++ objects: methods by qualified and unqualified name, *this, std::string, containers', [program('containers.O0')], (brk) => [
  brk('Dog::speak'), brk('speak'), 'run', 'probe stop', 'probe locations 1', 'probe locations 2', 'probe bt',
  'probe command frame variable *this', 'breakpoint delete -f', 'finish', 'probe stop', 'probe command frame variable zoo all',
], ([stop, dog, speak, bt, self, finished, locals]) => {
  assert.equal((stop as Stop).frame.func, 'Dog::speak[abi:cxx11]() const');
  assert.equal((dog as Place[]).length, 1);
  assert.equal((speak as Place[]).length, 2);
  assert.equal(funcs(bt).at(-1), 'main');
  assert.equal(out(self), "(const Dog) *this = {}\n");
  assert.match((finished as Stop).returned ?? '', /woof/);
  assert.match(out(locals), /size=2/);
});

// LLDB's `catch throw`: a breakpoint on C++ exceptions being thrown, in libstdc++'s __cxa_throw.
parity('C++ exception breakpoint across modules', built('catcher.O0'), () => [
  'breakpoint set -E c++', 'run', 'probe bt', 'frame select 1', 'probe command frame variable a b',
], ([bt, args]) => {
  assert.deepEqual(funcs(bt), ['__cxa_throw', 'checked_divide(int, int)', 'main']);
  assert.equal(out(args), '(int) a = 10\n(int) b = 0\n');
});

// Optimised code: inlining, tail calls and location lists as GCC -O2 emits them.
parity('-O2: break, backtrace, finish', [program('fact.O2')], (brk) => [
  brk('kind'), 'run', 'probe stop', 'probe locations 1', 'probe bt', 'breakpoint delete -f', 'finish', 'probe stop',
], ([stop, locations, bt, finished]) => {
  assert.equal((stop as Stop).frame.func, 'kind');
  assert.ok((locations as Place[]).length >= 1);
  assert.equal(funcs(bt).at(-1), 'main');
  assert.match((finished as Stop).returned ?? '', /five/);
});

// sqlite3.o (about 9 MB, 170k relocations) as a second module: the first stop in sqlite3VdbeExec,
// reached from the parser preparing a statement that reads the schema, 19 frames with inlined ones.
parity('sqlite: break in sqlite3VdbeExec, the backtrace down to main with inlined frames', [program('sqlite_driver')], (brk) => [
  brk('sqlite3VdbeExec'), 'run', 'probe stop', 'probe locations 1', 'probe bt', 'frame select 17', 'probe command frame variable tag sql',
], ([stop, locations, bt, run]) => {
  assert.equal((stop as Stop).frame.func, 'sqlite3VdbeExec');
  assert.equal((locations as Place[]).length, 1);
  const names = funcs(bt);
  assert.deepEqual(names.slice(0, 3), ['sqlite3VdbeExec', 'sqlite3Step', 'sqlite3_step']);
  assert.deepEqual(names.slice(-2), ['run', 'main']);
  for (const f of bt as Place[]) assert.ok(f.file && f.line, `${f.func} has a source line`);
  assert.match(out(run), /^\(const char \*\) tag = 0x… "create"\n\(const char \*\) sql = 0x… "CREATE TABLE t\(/);
});
