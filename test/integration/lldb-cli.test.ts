// `jitdbg lldb`: LLDB's own prompt on `jitdbg run`, its JIT loader on, the breakpoints set and
// jitdbg's LLDB commands loaded, typed at in a terminal as a person does (LLDB reading commands
// from a pipe does not wait for `run` to stop).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { root } from '../fixtures/corpus.js';
import { openTerminal, KEY, type Terminal } from '../support/terminal.js';
import { cli, withListeningExecutor } from './gdb-harness.js';

const hello = join(root, 'examples', 'hello.c');
const TIMEOUT = 60_000;

/**
 * Types a command and waits until LLDB shows its prompt again below it, the output between
 * matching `until`; returns that output. The prompt is made unique when a command is typed a
 * second time (settings set prompt), so that an earlier echo on the screen cannot answer.
 */
async function type(t: Terminal, command: string, until: RegExp, prompt = '(lldb)'): Promise<string> {
  const echo = `${prompt} ${command}\n`;
  const after = (screen: string[]) => {
    const text = screen.join('\n').trimEnd();
    const at = text.lastIndexOf(echo);
    return at >= 0 && text.endsWith(prompt) ? text.slice(at + echo.length, -prompt.length) : undefined;
  };
  t.keys(command + KEY.enter);
  return after(await t.waitFor((screen) => until.test(after(screen) ?? '\0'), TIMEOUT))!;
}

async function lldbSession(args: string[], body: (t: Terminal) => Promise<void>): Promise<void> {
  const t = await openTerminal(process.execPath, [cli, 'lldb', ...args], { cols: 200, rows: 60 });
  try {
    await t.waitFor(/jitdbg-break main\.c|Breakpoint \d+ \(hello\.c:12\)[^\n]*\n\(lldb\)/, TIMEOUT);
    await body(t);
  } finally {
    await t.close();
  }
}

/** What both ways of running the program show: a stop in compare called back by qsort, jitdbg-bt down to main, locals, the program's end. */
async function session(t: Terminal): Promise<void> {
  let screen = await type(t, 'run', /stop reason = breakpoint 1\.\d+/);
  assert.match(screen, /JIT\(0x[0-9a-f]+\)`compare\(a=0x[0-9a-f]+, b=0x[0-9a-f]+\) at hello\.c:6/);
  screen = await type(t, 'jitdbg-bt', /host frames? elided: bt shows them>/);
  // qsort's frames in libc stay: only the host frames below the program's main are cut.
  assert.match(screen, /\* frame #0: 0x[0-9a-f]+ JIT\(0x[0-9a-f]+\)`compare\(/);
  assert.match(screen, /frame #\d+: 0x[0-9a-f]+ libc\.so\.6`/);
  assert.match(screen, /frame #\d+: 0x[0-9a-f]+ JIT\(0x[0-9a-f]+\)`main\(argc=2, argv=0x[0-9a-f]+\) at hello\.c:10/);
  await type(t, 'breakpoint delete 1', /1 breakpoints deleted/);
  screen = await type(t, 'continue', /stop reason = breakpoint 2\.\d+/);
  assert.match(screen, /hello, world: sorted 3 7 19 42/);
  assert.match(screen, /JIT\(0x[0-9a-f]+\)`main\(argc=2, argv=0x[0-9a-f]+\) at hello\.c:12/);
  screen = await type(t, 'frame variable v', /\(int\[4\]\) v = /);
  assert.match(screen, /\(int\[4\]\) v = \(\[0\] = 3, \[1\] = 7, \[2\] = 19, \[3\] = 42\)/);
  screen = await type(t, 'continue', /Process \d+ exited with status = \d+/);
  assert.match(screen, /Process \d+ exited with status = 0 /);
}

test('jitdbg lldb --break compare --break hello.c:12 examples/hello.c: the breakpoints stop in JIT code, jitdbg-bt ends at main, a second run stops again', async () => {
  await lldbSession(['--break', 'compare', '--break', 'hello.c:12', hello, '--', 'world'], async (t) => {
    const start = t.screen().join('\n');
    // Node's own main is not the program's: its location is disabled.
    assert.match(start, /Breakpoint 2 \(hello\.c:12\): 0 locations in JIT code; it stops only in JIT code\./);
    await session(t);
    // A second run: a new image at a new address, the breakpoint found in it again.
    t.keys("settings set prompt '(lldb again) '" + KEY.enter);
    const screen = await type(t, 'run', /stop reason = breakpoint 2\.\d+/, '(lldb again)');
    assert.match(screen, /`main\(argc=2, argv=0x[0-9a-f]+\) at hello\.c:12/);
    t.keys('quit' + KEY.enter);
    await t.waitFor(/Do you really want to proceed: \[Y\/n\]/, TIMEOUT);
    t.keys('y' + KEY.enter);
    assert.equal(await t.exited, 0);
  });
});

test('jitdbg lldb --executor spawn: LLDB runs the executor, the program is linked into it on run', async () => {
  await lldbSession(['--executor', 'spawn', '--break', 'compare', '--break', 'hello.c:12', hello, '--', 'world'], async (t) => {
    assert.match(t.screen().join('\n'), /target\.run-args\s+"\S+main\.js" "executor" "--listen" "127\.0\.0\.1:0" "--token-file"/);
    await session(t);
    t.keys('quit' + KEY.enter);
    assert.equal(await t.exited, 0);
  });
});

test('jitdbg lldb --executor HOST:PORT: LLDB attaches to a running executor on this machine, and the program runs there', async () => {
  await withListeningExecutor(async ({ address, tokenFile, printed, ended }) => {
    const t = await openTerminal(process.execPath, [cli, 'lldb', '--executor', address, '--token-file', tokenFile, '--break', 'compare', hello, '--', 'there'], { cols: 200, rows: 60 });
    try {
      // LLDB attaches, sets the breakpoint and continues; the program is linked and run once it does.
      const stopped = (rows: string[]) => /stop reason = breakpoint 1\.\d+/.test(rows.join('\n')) && rows.join('\n').trimEnd().endsWith('(lldb)');
      let screen = (await t.waitFor(stopped, TIMEOUT)).join('\n');
      assert.match(screen, /Breakpoint 1 \(compare\): 0 locations in JIT code; it stops only in JIT code\./);
      assert.match(screen, /JIT\(0x[0-9a-f]+\)`compare\(a=0x[0-9a-f]+, b=0x[0-9a-f]+\) at hello\.c:6/);
      screen = await type(t, 'jitdbg-bt', /host frames? elided/);
      assert.match(screen, /JIT\(0x[0-9a-f]+\)`main\(argc=2, argv=0x[0-9a-f]+\) at hello\.c:10/);
      await type(t, 'breakpoint delete 1', /1 breakpoints deleted/);
      await type(t, 'continue', /Process \d+ exited with status = 0 /);
      t.keys('quit' + KEY.enter);
      assert.equal(await t.exited, 0);
    } finally {
      await t.close();
    }
    assert.equal(await ended, 0, 'the executor exits with main\'s status');
    assert.match(printed(), /hello, there: sorted 3 7 19 42/, 'the program printed where the executor prints');
  });
});
