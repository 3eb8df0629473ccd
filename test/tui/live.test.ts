// The Modules view of a live process follows its registrations: a module loaded appears at
// the next poll, one disposed is marked as gone and stays readable.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { LiveModules } from '../../tui/model/live.js';
import { modulesPage } from '../../tui/model/modules.js';
import { plain } from '../../tui/model/page.js';
import { symbolsPage, DEFAULT_SYMBOL_OPTIONS } from '../../tui/model/symbols.js';
import { build, host, start } from '../integration/live-harness.js';

const built = build();
after(() => rmSync(built.dir, { recursive: true, force: true }));

/** Sends a line to `jit-host.js steps` and waits for its answer. */
async function step(p: Awaited<ReturnType<typeof start>>, line: string, answer: RegExp): Promise<void> {
  let out = '';
  p.child.stdin!.write(`${line}\n`);
  while (!answer.test(out)) out += String((await once(p.child.stdout!, 'data'))[0]);
}

test('modules appear as a process registers them and are marked when it unregisters them', async () => {
  const [alpha, beta] = built.modules as [string, string];
  const p = await start(process.execPath, [host, 'steps']);
  try {
    const live = new LiveModules(p.pid);
    // No code yet, so no descriptor: said once, and the list keeps being followed.
    assert.deepEqual(live.poll(), [`process ${p.pid} has no __jit_debug_descriptor: no mapped object defines one`]);
    assert.deepEqual(live.poll(), []);
    assert.equal(live.docs.length, 0);
    await step(p, `load ${alpha}`, /loaded 0/);
    await step(p, `load ${beta}`, /loaded 1/);
    assert.deepEqual(live.poll().sort(), [`registered ${alpha}`, `registered ${beta}`]);
    assert.deepEqual(live.poll(), [], 'nothing changed');
    const page = modulesPage(live.docs, true);
    assert.match(page.title, /^2 registered/);
    assert.match(plain(page.row(0)), /^ +0 0x[0-9a-f]+-0x[0-9a-f]+ +\d+ +1 registered +alpha\.o$/);
    await step(p, 'dispose 0', /disposed 0/);
    assert.deepEqual(live.poll(), [`unregistered ${alpha}`]);
    assert.match(modulesPage(live.docs, true).title, /^1 registered/);
    assert.match(plain(modulesPage(live.docs, true).row(0)), / gone \d\d:\d\d:\d\d +alpha\.o$/);
    // The copy taken while it was registered stays readable.
    const gone = live.docs.find((d) => d.name === alpha)!;
    const symbols = symbolsPage(gone, 0, { ...DEFAULT_SYMBOL_OPTIONS, filter: 'alpha' });
    assert.equal(symbols.count, 1);
    await step(p, `load ${alpha}`, /loaded 2/);
    assert.deepEqual(live.poll(), [`registered ${alpha}`], 'loaded again: a new module');
    assert.equal(live.docs.length, 3);
  } finally {
    await p.stop();
  }
});

test('a process that is not there is an error at the start; one that exits ends its modules', async () => {
  const p = await start(process.execPath, [host, 'steps']);
  const live = new LiveModules(p.pid);
  await step(p, `load ${built.modules[0]}`, /loaded 0/);
  assert.deepEqual(live.poll(), [`registered ${built.modules[0]}`]);
  await p.stop();
  assert.deepEqual(live.poll(), [`process ${p.pid} has exited`, `unregistered ${built.modules[0]}`]);
  assert.throws(() => new LiveModules(p.pid).poll(), /LiveError|process/);
});
