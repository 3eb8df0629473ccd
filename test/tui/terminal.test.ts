// `jitdbg tui` in a real terminal (a pty seen through a headless xterm), driven with keys as a
// person drives it: sqlite3.o's symbols filtered, a function's disassembly checked against
// objdump, a call followed and come back from, a resize, and a live process's modules.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { sqlite3Object } from '../fixtures/corpus.js';
import { build, cli, host, start } from '../integration/live-harness.js';
import { KEY, openTerminal, type Terminal } from '../support/terminal.js';
import { sameX86Mnemonic } from '../unit/disasm/objdump.js';

const built = build();
after(() => rmSync(built.dir, { recursive: true, force: true }));

const tui = (args: string[], size?: { cols: number; rows: number }, env?: Record<string, string | undefined>): Promise<Terminal> =>
  openTerminal(process.execPath, [cli, 'tui', ...args], { ...size, ...(env ? { env } : {}) });

/** An instruction row of the disassembly: address, offset, mnemonic, operands, and the target's name. */
const INSTRUCTION = /^(0x[0-9a-f]+) +<\+(\d+)> +(\S+)(?: +(.*?))?(?:  (?:# )?<(.+)>)?$/;

/** objdump's first instructions of a function: offset, mnemonic, operands. */
function objdumpStart(file: string, fn: string, count: number): { offset: number; mnemonic: string; operands: string }[] {
  const text = execFileSync('objdump', ['-d', '--no-show-raw-insn', `--disassemble=${fn}`, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const out: { offset: number; mnemonic: string; operands: string }[] = [];
  let start: number | undefined;
  for (const line of text.split('\n')) {
    const m = /^ +([0-9a-f]+):\t(\S+) *(.*)$/.exec(line);
    if (!m) continue;
    const at = parseInt(m[1]!, 16);
    start ??= at;
    out.push({ offset: at - start, mnemonic: m[2]!, operands: m[3]! });
    if (out.length === count) break;
  }
  return out;
}

test('sqlite3.o: filter to sqlite3VdbeExec, its disassembly as objdump decodes it, follow a call and come back, resize', async () => {
  const file = sqlite3Object().object;
  const t = await tui([file]);
  try {
    let screen = await t.waitFor(/^Symbols: .*sqlite3\.o +\d+ symbols/m);
    assert.match(screen[0]!, /^jitdbg +Modules +Sections +\[Symbols\]/);
    assert.ok(screen.length === 24 && screen.slice(0, 23).every((r) => r.length <= 80));
    t.keys('/sqlite3VdbeExec');
    await t.waitFor(/2 of \d+ symbols/);
    await t.waitFor((s) => s[22] === '/sqlite3VdbeExec█' || s[22]!.startsWith('/sqlite3VdbeExec█'));
    t.keys(KEY.enter);
    t.keys(KEY.enter);
    // The title ends with the offset when the file's path leaves room for it.
    screen = await t.waitFor(/^Disassembly: .* sqlite3VdbeExec(?: +0x|$)/m);

    const rows = screen.slice(2, 22).flatMap((r) => {
      const m = INSTRUCTION.exec(r);
      return m ? [m] : [];
    });
    const want = objdumpStart(file, 'sqlite3VdbeExec', rows.length);
    assert.ok(rows.length >= 10, screen.join('\n'));
    assert.deepEqual(rows.map((m) => Number(m[2])), want.map((w) => w.offset));
    rows.forEach((m, i) => assert.ok(sameX86Mnemonic(want[i]!.mnemonic, want[i]!.operands, m[3]!), `${m[0]} is objdump's ${want[i]!.mnemonic} ${want[i]!.operands}`));

    // Down to the first call that names its target, then Enter.
    let call = -1;
    for (let page = 0; page < 40 && call < 0; page++) {
      screen = t.screen();
      call = screen.findIndex((r, i) => i >= 2 && i < 22 && /^0x\S+ +<\+\d+> +call\S* .*  <(\w+)>$/.test(r));
      if (call < 0) {
        t.keys(KEY.pageDown);
        const before = screen.join('\n');
        await t.waitFor((s) => s.join('\n') !== before);
      }
    }
    assert.ok(call >= 0, 'a call with a named target');
    const callee = /<(\w+)>$/.exec(screen[call]!)![1]!;
    const address = INSTRUCTION.exec(screen[call]!)![1]!;
    // Go to the call's address: the cursor lands on it, and Enter follows the call.
    const title = screen[1]!;
    const position = / \d+\/\d+$/.exec(screen[22]!)![0];
    t.keys(`g${address}`);
    t.keys(KEY.enter);
    await t.waitFor(/ is sqlite3VdbeExec\+0x[0-9a-f]+, sqlite3\.c:\d+, section \.text/);
    t.keys(KEY.enter);
    await t.waitFor(new RegExp(`^Disassembly: .* ${callee}(?: +0x|$)`, 'm'));
    t.keys(KEY.escape);
    await t.waitFor(new RegExp(`goes to ${callee}`));
    t.keys(KEY.escape);
    await t.waitFor((x) => x[1] === title && x[22]!.endsWith(position));

    await t.resize(100, 30);
    screen = await t.waitFor((s) => s.length === 30 && /^Disassembly: .* sqlite3VdbeExec/.test(s[1]!) && s[28]!.length > 0);
    assert.ok(screen.every((r) => r.length <= 100));
    assert.equal(screen[29], '', 'the frame is one row shorter than the terminal');
    t.keys('q');
    assert.equal(await t.exited, 0);
  } finally {
    await t.close();
  }
});

test('--pid: the modules of a live process appear as it registers them and are marked as it unregisters them', async () => {
  const [alpha, beta] = built.modules as [string, string];
  const p = await start(process.execPath, [host, 'steps']);
  const send = async (line: string, answer: RegExp) => {
    let out = '';
    p.child.stdin!.write(`${line}\n`);
    while (!answer.test(out)) out += String((await once(p.child.stdout!, 'data'))[0]);
  };
  const t = await tui(['--pid', String(p.pid)]);
  try {
    await t.waitFor(/^Modules: 0 registered/m);
    await t.waitFor(/^following process \d+: process \d+ has no __jit_debug_desc/m);
    t.keys(KEY.tab);
    await t.waitFor(/no module to show yet/);
    await send(`load ${alpha}`, /loaded 0/);
    await t.waitFor(/^ +0 0x[0-9a-f]+-0x[0-9a-f]+ .* registered +alpha\.o *$/m);
    await send(`load ${beta}`, /loaded 1/);
    await t.waitFor(/^Modules: 2 registered/m);
    await t.waitFor(/registered +beta\.o *$/m);
    await send('dispose 0', /disposed 0/);
    const screen = await t.waitFor(/^Modules: 1 registered/m);
    assert.match(screen.find((r) => r.includes('alpha.o'))!, / gone \d\d:\d\d:\d\d +alpha\.o *$/);
    t.keys(KEY.enter);
    await t.waitFor(/^Symbols: .*alpha\.o.*\[unregistered/m);
    t.keys('q');
    assert.equal(await t.exited, 0);
  } finally {
    await t.close();
    await p.stop();
  }
});

test('without a terminal: one line that names jitdbg elf and jitdbg dwarf, exit status 1', () => {
  const r = spawnSync(process.execPath, [cli, 'tui', sqlite3Object().object], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^jitdbg: tui: needs a terminal; .*jitdbg elf FILE.*jitdbg dwarf FILE.*\n$/);
});
