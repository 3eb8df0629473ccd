// The terminal harness, with a small Node program that reports what it sees of its terminal.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { KEY, keystrokeMs, openTerminal, procStat, type Terminal, type TerminalOptions } from './terminal.js';

const dir = mkdtempSync(join(tmpdir(), 'jitdbg-terminal-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Prints its terminal, arguments and environment, every SIGWINCH, and all bytes read in raw mode
// so far; 'q' exits with 3, 'f' draws a frame in a synchronized update written in two parts, and
// 's' starts two sleepers, one in a process group of its own as GDB puts an inferior.
const probe = join(dir, 'probe.mjs');
writeFileSync(probe, `
import { spawn } from 'node:child_process';
const out = (s) => process.stdout.write(s + '\\r\\n');
out('tty ' + (process.stdin.isTTY && process.stdout.isTTY) + ' ' + process.stdout.columns + 'x' + process.stdout.rows);
out('args ' + JSON.stringify(process.argv.slice(2)) + ' TERM=' + process.env.TERM + ' CI=' + process.env.CI + ' SHELL=' + process.env.SHELL);
process.on('SIGWINCH', () => out('winch ' + process.stdout.getWindowSize().join('x')));
process.stdin.setRawMode(true);
let got = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  if (chunk.toString() === 'q') process.exit(3);
  if (chunk.toString() === 'f') {
    process.stdout.write('\\x1b[?2026hframe begun');
    return setTimeout(() => process.stdout.write(', frame done\\x1b[?2026l\\r\\n'), 50);
  }
  if (chunk.toString() === 's') {
    const sleepers = [spawn('sleep', ['1000']), spawn('perl', ['-e', '$| = 1; setpgrp; print "grouped"; sleep 1000'])];
    return sleepers[1].stdout.once('data', () => out('sleepers ' + sleepers.map((c) => c.pid).join(' ')));
  }
  got = Buffer.concat([got, chunk]);
  out('got ' + got.length + ' ' + got.toString('hex'));
});
out('ready');
`);

/** Runs `body` with the probe on a terminal, which is closed whatever happens. */
async function withProbe(options: TerminalOptions, body: (t: Terminal) => Promise<void>, args: string[] = []): Promise<void> {
  const t = await openTerminal(process.execPath, [probe, ...args], options);
  try {
    await t.waitFor(/^ready$/m);
    await body(t);
  } finally {
    await t.close();
  }
}

const alive = (pid: number) => (procStat(pid)?.state ?? 'Z') !== 'Z';

describe('terminal', { concurrency: true }, () => {
  test('the command sees a terminal of the size asked for, 80x24 unless told', async () => {
    await withProbe({}, async (t) => {
      assert.equal(t.screen()[0], 'tty true 80x24');
      assert.equal(t.screen().length, 24);
    });
    await withProbe({ cols: 100, rows: 30 }, async (t) => {
      assert.equal(t.screen()[0], 'tty true 100x30');
      assert.equal(t.screen().length, 30);
    });
  });

  test('arguments arrive as given; TERM is xterm\'s, CI is removed and SHELL is kept', async () => {
    const args = ["it's", 'a "b" $HOME `x` \\', 'two\nlines', ''];
    await withProbe({ cols: 120, env: { CI: 'true' } }, async (t) => {
      assert.equal(t.screen()[1], `args ${JSON.stringify(args)} TERM=xterm-256color CI=true SHELL=${process.env.SHELL}`);
    }, args);
    await withProbe({}, async (t) => assert.match(t.screen()[1]!, / CI=undefined /));
  });

  test('keys reach a raw-mode command byte for byte', async () => {
    await withProbe({}, async (t) => {
      const keys = [KEY.escape, KEY.tab, KEY.enter, KEY.backspace, KEY.up, KEY.down, KEY.left, KEY.right, KEY.pageUp, KEY.pageDown, '\x03\x04\x1a', 'é'];
      for (const k of keys) t.keys(k);
      const bytes = Buffer.from(keys.join(''));
      await t.waitFor(`got ${bytes.length} ${bytes.toString('hex')}`);
      const ms = await keystrokeMs(t, 'x', `got ${bytes.length + 1} `);
      assert.ok(ms > 0 && ms < 10000, `${ms}`);
    });
  });

  test('resize sends SIGWINCH and the command reads the new size', async () => {
    await withProbe({}, async (t) => {
      await t.resize(100, 30);
      await t.waitFor(/^winch 100x30$/m);
      assert.equal(t.screen().length, 30);
      assert.equal(t.cols, 100);
    });
  });

  test('waitFor sees no frame half drawn in a synchronized update', async () => {
    await withProbe({}, async (t) => {
      const seen: string[] = [];
      t.keys('f');
      await t.waitFor((screen) => seen.push(screen.join('\n')) > 0 && seen.at(-1)!.includes('frame done'));
      assert.deepEqual(seen.filter((s) => s.includes('frame begun') && !s.includes('frame done')), []);
    });
  });

  test('waitFor rejects with the command and the screen, on timeout or when the command exits first', async () => {
    await withProbe({}, async (t) => {
      await assert.rejects(t.waitFor('never shown', 200), (e: Error) => {
        assert.match(e.message, /^waitFor\(never shown\) timed out after 200 ms\n/);
        assert.ok(e.message.includes(`command: ${process.execPath} ${probe}\nscreen 80x24, blank rows below not shown:\n| tty true 80x24\n| args [] TERM=xterm-256color CI=undefined SHELL=${process.env.SHELL}\n| ready`), e.message);
        return true;
      });
      const exits = t.waitFor((screen) => screen.includes('never shown'));
      t.keys('q');
      await assert.rejects(exits, /failed: the command exited with 3\n/);
      assert.equal(await t.exited, 3);
    });
  });

  test('close kills the command, script and all the command started', async () => {
    let pids: number[] = [];
    await withProbe({}, async (t) => {
      t.keys('s');
      const [, a, b] = /^sleepers (\d+) (\d+)$/m.exec((await t.waitFor(/^sleepers \d+ \d+$/m)).join('\n'))!.map(Number);
      const script = procStat(t.pid)!.ppid;
      assert.notEqual(procStat(b!)!.pgrp, t.pid, 'the perl sleeper has a process group of its own');
      pids = [t.pid, script, a!, b!];
      assert.ok(pids.every(alive));
    });
    assert.deepEqual(pids.filter(alive), []);
  });
});
