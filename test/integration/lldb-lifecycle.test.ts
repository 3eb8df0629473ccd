// What LLDB knows as modules come and go (test/integration/jit-host.ts): after module.dispose()
// LLDB no longer finds the module's functions, the breakpoint in it has no location left, the
// other module still stops with its source line, and the program ends normally (LLDB took the
// breakpoint out before the code was freed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { root } from '../fixtures/corpus.js';
import { program } from './gdb-harness.js';
import { lldbProbes } from './lldb-harness.js';

const host = join(root, 'dist', 'test', 'integration', 'jit-host.js');
const fact = program('fact.O0').objects[0]!;
const util = program('calls.O0').objects.find((o) => o.includes('util'))!;

type Output = { out: string; error: string };
type Place = { func: string; file: string; line: number };

for (const mode of ['dispose', 'batch']) {
  const what = mode === 'batch' ? 'a module of a batch (one image)' : 'a module';
  test(`${what} disposed: LLDB no longer finds its functions, keeps the others, and the program ends normally`, async () => {
    const { probes, output } = await lldbProbes([process.execPath, host, mode, fact, util], [
      'jitdbg-break accumulate', 'jitdbg-break fact', 'run',
      'probe jit-modules', 'probe command image lookup -n fact', 'probe locations 2',
      'continue', 'probe stop',
      'probe jit-modules', 'probe command image lookup -n fact', 'probe locations 2', 'probe command image lookup -n accumulate',
      'continue',
    ]);
    const [modulesBefore, factBefore, locationsBefore, stop, modulesAfter, factAfter, locationsAfter, accumulate] = probes as [string[], Output, Place[], { frame: Place }, string[], Output, Place[], Output];
    assert.equal(modulesBefore.length, mode === 'batch' ? 1 : 2);
    assert.match(factBefore.out, /1 match found in JIT\(0x[0-9a-f]+\)[^]*`fact at fact\.c:12/);
    assert.deepEqual(locationsBefore, [{ func: 'fact', file: 'fact.c', line: 13 }]);
    assert.deepEqual(stop.frame, { func: 'accumulate', file: 'util.c', line: 9 }, 'util still has its DWARF');
    assert.equal(modulesAfter.length, 1);
    assert.equal(factAfter.out, '');
    assert.deepEqual(locationsAfter, []);
    assert.match(accumulate.out, /`accumulate at util\.c:8/);
    assert.match(output, /Process \d+ exited with status = 0/);
  });
}
