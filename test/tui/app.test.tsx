// The ink components through ink-testing-library: the frame fits the terminal, keys reach the
// state machine, and NO_COLOR drops colours but keeps the cursor's inverse row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusObjects } from '../fixtures/corpus.js';

// Colours are decided when chalk loads: force them on, so that turning them off is seen.
process.env.FORCE_COLOR = '1';
const { render } = await import('ink-testing-library');
const { App, HELP } = await import('../../tui/app.js');
const { Document } = await import('../../tui/model/document.js');
const { initialState, World } = await import('../../tui/model/state.js');

const fact = corpusObjects().find((o) => o.name === 'fact.O0')!.object;
const COLOR = /\x1b\[(3[0-7]|9[0-7]|38;)/;
const INVERSE = '\x1b[7m';
const settle = () => new Promise((r) => setTimeout(r, 50));

function mount(colors: boolean) {
  const world = new World([Document.read(fact, readFileSync(fact))], false);
  return render(<App world={world} initial={initialState(world)} colors={colors} />);
}

test('the frame is one row shorter than the terminal and no row is wider than it', async () => {
  const app = mount(true);
  try {
    const lines = app.lastFrame()!.split('\n');
    assert.equal(lines.length, 23, 'ink-testing-library has no rows: 24 is assumed, and the frame leaves one');
    assert.match(lines[1]!, /^Symbols: .*fact\.O0\.o +\d+ symbols/);
    assert.ok(lines.every((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length <= 100));
  } finally {
    app.unmount();
  }
});

test('keys: down moves the inverse row, / filters, Tab changes the view', async () => {
  const app = mount(true);
  try {
    const selectedRow = () => app.lastFrame()!.split('\n').findIndex((l) => l.includes(INVERSE));
    const first = selectedRow();
    app.stdin.write('j');
    await settle();
    assert.equal(selectedRow(), first + 1);
    app.stdin.write('/');
    await settle();
    app.stdin.write('fact');
    await settle();
    assert.match(app.lastFrame()!, /1 of \d+ symbols/);
    assert.match(app.lastFrame()!, /\/fact█/);
    app.stdin.write('\r');
    await settle();
    app.stdin.write('\t');
    await settle();
    assert.match(app.lastFrame()!.split('\n')[1]!, /^Disassembly: /);
  } finally {
    app.unmount();
  }
});

test('NO_COLOR: no colour codes, the cursor row still inverse', async () => {
  const coloured = mount(true);
  const plain = mount(false);
  try {
    assert.match(coloured.lastFrame()!, COLOR);
    assert.doesNotMatch(plain.lastFrame()!, COLOR);
    assert.ok(plain.lastFrame()!.includes(INVERSE));
  } finally {
    coloured.unmount();
    plain.unmount();
  }
});

test('the help fits an 80-column terminal', () => {
  assert.deepEqual(HELP.filter((l) => l.length > 79), []);
});
