// The MI client against a real GDB: what the session parses from MI records must equal what the
// same GDB prints as a CLI (`gdb -batch`), what the source says and what the program prints.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiError, MiSession, toMiFrame, type MiAsyncRecord, type MiTuple, type MiSessionOptions } from '../../src/mi/index.js';
import { root } from '../fixtures/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'jitdbg-mi-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function compile(name: string, source: string): string {
  const out = join(dir, name);
  execFileSync('gcc', ['-g', '-O0', '-o', out, source]);
  return out;
}

function writeSource(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const factSource = join(root, 'test', 'corpus', 'fact.c');
const fact = compile('fact', factSource);
// Never stops by itself, and forks a child that does not either (GDB does not trace the child).
const spin = compile('spin', writeSource('spin.c', '#include <unistd.h>\nint main(void) { volatile int x = fork(); for (;;) x++; }\n'));
const utf8Text = 'café Été € 😀 "quoted" tab\there back\\slash';
const utf8 = compile('utf8', writeSource('utf8.c', `#include <stdio.h>\nconst char *s = ${JSON.stringify(utf8Text)};\nint main(void) { puts(s); return 0; }\n`));

/** GDB's CLI on the same program: `gdb -batch -nx -ex CMD...`. */
function batch(program: string, ...commands: string[]): { stdout: string; stderr: string } {
  const r = spawnSync('gdb', ['-batch', '-nx', ...commands.flatMap((c) => ['-ex', c]), program], { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr };
}

function match(re: RegExp, text: string): RegExpExecArray {
  const m = re.exec(text);
  assert.ok(m, `${re} in:\n${text}`);
  return m;
}

/** A frame line of the CLI: `#1  0x000055555555517d in fact (n=4) at /path/fact.c:16`. */
const CLI_FRAME = /^#(\d+)\s+(?:(0x[0-9a-f]+) in )?(\S+) \((.*)\) at (.+):(\d+)$/gm;

async function withSession<T>(options: MiSessionOptions, body: (s: MiSession) => Promise<T>): Promise<T> {
  const s = await MiSession.start(options);
  try {
    return await body(s);
  } finally {
    await s.close();
    await assertGone({ gdb: s.pid });
  }
}

/** No such process, or only its zombie (an orphan whose reaper has not collected it yet). */
function isGone(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    const text = readFileSync(stat, 'latin1');
    return text.slice(text.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Each of `processes` (what → pid) is gone. A killed process takes a moment to become a zombie: wait for that, within reason. */
async function assertGone(processes: Record<string, number>): Promise<void> {
  for (const [what, pid] of Object.entries(processes)) {
    for (let k = 0; k < 500 && !isGone(pid); k++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(isGone(pid), `${what} ${pid} is still there`);
  }
}

/** The pid of the program GDB runs, from `=thread-group-started`. */
function inferiorPid(s: MiSession): Promise<number> {
  return new Promise((resolve) => {
    const listener = (r: MiAsyncRecord) => {
      if (r.class !== 'thread-group-started') return;
      s.off('async', listener);
      resolve(Number(r.results.pid));
    };
    s.on('async', listener);
  });
}

/** The pids of the spin program and of its forked child, once both run. */
async function startSpin(s: MiSession): Promise<[number, number]> {
  const pid = inferiorPid(s);
  const child = new Promise<number>((resolve) => {
    s.on('stream', (r) => {
      const m = /Detaching after fork from child process (\d+)/.exec(r.text);
      if (m) resolve(Number(m[1]));
    });
  });
  await s.command('-exec-run');
  return [await pid, await child];
}

function args(frame: MiTuple): string {
  return (frame.args as MiTuple[]).map((a) => `${a.name}=${a.value}`).join(', ');
}

test('a breakpoint on fact: the *stopped frame is where gdb -batch and the source say', async () => {
  const ref = batch(fact, 'break fact', 'run');
  const [hit, func, cliArgs, file, line] = match(/^Breakpoint 1, (\S+) \((.*)\) at (.+):(\d+)$/m, ref.stdout);
  const source = readFileSync(factSource, 'utf8').split('\n');
  const firstStatement = source.findIndex((l) => l.startsWith('int fact(int n) {')) + 2;
  assert.equal(Number(line), firstStatement);
  const gdb = realpathSync(execFileSync('sh', ['-c', 'command -v gdb'], { encoding: 'utf8' }).trim());
  await withSession({ gdb, args: [fact] }, async (s) => {
    const bkpt = (await s.command('-break-insert fact')).results.bkpt as MiTuple;
    assert.deepEqual([bkpt.func, bkpt.file, bkpt.line], [func, file, line]);
    assert.equal((await s.command('-exec-run')).class, 'running');
    const stop = await s.waitForStop();
    assert.equal(stop.reason, 'breakpoint-hit');
    assert.deepEqual([stop.frame?.func, stop.frame?.file, stop.frame?.line], [func, file, Number(line)]);
    assert.equal(stop.frame?.fullname, realpathSync(factSource));
    assert.equal(args(stop.results.frame as MiTuple), cliArgs);
    // What the console printed during the run is the CLI's own line.
    assert.ok(stop.console.split('\n').includes(hit!), stop.console);
  });
});

test('-stack-list-frames and -stack-list-locals equal the CLI backtrace and info locals', async () => {
  const ref = batch(fact, 'break fact', 'run', 'continue', 'continue', 'bt', 'frame 3', 'info locals');
  const hits = [...ref.stdout.matchAll(/^Breakpoint 1, fact \((.*)\)/gm)].map((m) => m[1]);
  const cliFrames = [...ref.stdout.matchAll(CLI_FRAME)].map(([, level, addr, func, a, file, line]) => ({ level: Number(level), addr, func, args: a, file, line: Number(line) }));
  const bt = cliFrames.slice(0, 4); // then 'frame 3' prints its frame again
  assert.deepEqual(bt.map((f) => f.func), ['fact', 'fact', 'fact', 'main']);
  const locals = ref.stdout.slice(ref.stdout.lastIndexOf(`${bt[3]!.line}\t`)).split('\n').slice(1).filter((l) => l.includes(' = '));
  assert.ok(locals.length >= 2, ref.stdout);
  await withSession({ args: [fact] }, async (s) => {
    await s.command('-break-insert fact');
    await s.command('-exec-run');
    const seen = [args((await s.waitForStop()).results.frame as MiTuple)];
    for (let k = 0; k < 2; k++) {
      await s.command('-exec-continue');
      seen.push(args((await s.waitForStop()).results.frame as MiTuple));
    }
    assert.deepEqual(seen, hits);
    const stack = (await s.command('-stack-list-frames')).results.stack as MiTuple[];
    const frames = stack.map(toMiFrame);
    assert.deepEqual(frames.map((f) => [f.level, f.func, f.file, f.line]), bt.map((f) => [f.level, f.func, f.file, f.line]));
    // The CLI prints a frame's pc from level 1 on; GDB disables ASLR, so both runs agree.
    for (const f of bt.slice(1)) assert.equal(BigInt(frames[f.level]!.addr!), BigInt(f.addr!));
    const argLists = (await s.command('-stack-list-arguments 1')).results['stack-args'] as MiTuple[];
    assert.deepEqual(argLists.map(args), bt.map((f) => f.args));
    const vars = (await s.command('-stack-list-locals --thread 1 --frame 3 --all-values')).results.locals as MiTuple[];
    assert.deepEqual(vars.map((v) => `${v.name} = ${v.value}`), locals);
  });
});

test('-exec-finish: return value and caller frame equal the CLI finish and the program output', async () => {
  const native = match(/fact\((\d+)\) = (\d+)/, execFileSync(fact, { encoding: 'utf8' }));
  const ref = batch(fact, 'break fact', 'run', 'delete', 'finish');
  const [, value] = match(/^Value returned is \$1 = (.*)$/m, ref.stdout);
  const [, func, , file, line] = match(/^0x[0-9a-f]+ in (\S+) \((.*)\) at (.+):(\d+)$/m, ref.stdout);
  assert.equal(value, native[2]);
  await withSession({ args: [fact] }, async (s) => {
    await s.command('-break-insert fact');
    await s.command('-exec-run');
    await s.waitForStop();
    await s.command('-break-delete');
    await s.command('-exec-finish');
    const stop = await s.waitForStop();
    assert.equal(stop.reason, 'function-finished');
    assert.equal(stop.returnValue, value);
    assert.deepEqual([stop.frame?.func, stop.frame?.file, stop.frame?.line], [func, file, Number(line)]);
  });
});

test('^error rejects with MiError carrying the message the CLI prints; the session goes on', async () => {
  const noFunction = batch(fact, 'break nosuchfunction').stderr.split('\n')[0];
  const noCommand = batch(fact, 'frobnicate').stderr.split('\n')[0];
  await withSession({ args: [fact] }, async (s) => {
    await assert.rejects(s.command('-break-insert nosuchfunction'), (e: unknown) => {
      assert.ok(e instanceof MiError);
      assert.deepEqual([e.kind, e.command, e.gdbMessage], ['gdb', '-break-insert nosuchfunction', noFunction]);
      return true;
    });
    await assert.rejects(s.console('frobnicate'), (e: unknown) => e instanceof MiError && e.kind === 'gdb' && e.gdbMessage === noCommand);
    await assert.rejects(s.command('-frobnicate'), (e: unknown) => e instanceof MiError && e.code === 'undefined-command' && e.gdbMessage.includes('frobnicate'));
    await assert.rejects(s.command('-break-list\n-break-list'), (e: unknown) => e instanceof MiError && e.kind === 'invalid');
    assert.equal(await s.console('info line fact'), batch(fact, 'info line fact').stdout);
  });
});

test('console output belongs to its command, also when commands are queued without waiting', async () => {
  const commands = ['info line fact', 'list fact', 'ptype struct point', 'info functions ^kind$', 'output origin', 'info scope fact', 'info line main'];
  await withSession({ args: [fact] }, async (s) => {
    const outputs = await Promise.all(commands.map((c) => s.console(c)));
    assert.deepEqual(outputs, commands.map((c) => batch(fact, c).stdout));
  });
});

test('c-strings: UTF-8 and escapes arrive as the program wrote them', async () => {
  const native = execFileSync(utf8, { encoding: 'utf8' });
  assert.equal(native, `${utf8Text}\n`);
  await withSession({ args: [utf8] }, async (s) => {
    await s.command('-break-insert main');
    await s.command('-exec-run');
    await s.waitForStop();
    // Bytes of the program's memory, printed by GDB's printf, escaped by MI, decoded here.
    assert.equal(await s.console('printf "%s\\n", s'), native);
    // A command with quotes, tabs and non-ASCII text reaches GDB intact (echo prints its text).
    const text = 'café "quoted"\t😀 Été';
    assert.equal(await s.console(`echo ${text}`), text);
    const value = (await s.command('-data-evaluate-expression s')).results.value;
    assert.equal(`$1 = ${value}\n`, batch(utf8, 'break main', 'run', 'print s').stdout.split('\n').slice(-2).join('\n'));
    // The program's own output shares GDB's stdout: it arrives as a line that is not MI.
    const output = new Promise<string>((resolve) => s.on('output', resolve));
    await s.command('-exec-continue');
    assert.equal((await s.waitForStop()).reason, 'exited-normally');
    assert.equal(`${await output}\n`, native);
  });
});

test('async records arrive as events', async () => {
  const [, line] = match(/^Breakpoint 1 at 0x[0-9a-f]+: file .+, line (\d+)\.$/m, batch(fact, 'break main').stdout);
  await withSession({ args: [fact] }, async (s) => {
    const created = new Promise<MiTuple>((resolve) => s.on('async', (r) => r.class === 'breakpoint-created' && resolve(r.results.bkpt as MiTuple)));
    const pid = inferiorPid(s);
    await s.console('break main');
    const bkpt = await created;
    assert.deepEqual([bkpt.func, bkpt.line], ['main', line]);
    await s.command('-exec-run');
    await s.waitForStop();
    // The pid GDB reported is the program the kernel runs.
    assert.equal(realpathSync(`/proc/${await pid}/exe`), realpathSync(fact));
  });
});

test('close ends gdb and the program it runs', async () => {
  const s = await MiSession.start({ args: [fact] });
  const exited = new Promise((resolve) => s.on('exit', resolve));
  const pid = inferiorPid(s);
  await s.command('-break-insert fact');
  await s.command('-exec-run');
  await s.waitForStop();
  const program = await pid;
  assert.ok(!isGone(s.pid) && !isGone(program));
  await s.close();
  await exited;
  await assertGone({ gdb: s.pid, program });
  await assert.rejects(s.command('-break-list'), (e: unknown) => e instanceof MiError && e.kind === 'exited');
  await s.close(); // idempotent
});

test('close ends gdb while the program hangs, and what the program started', async () => {
  const s = await MiSession.start({ args: [spin], closeGraceMs: 5_000 });
  const [program, child] = await startSpin(s);
  await assert.rejects(s.waitForStop({ timeoutMs: 300 }), (e: unknown) => e instanceof MiError && e.kind === 'timeout');
  assert.ok(!isGone(program) && !isGone(child));
  await s.close();
  await assertGone({ gdb: s.pid, program, 'child of the program': child });
});

test('gdb killed mid-command: pending and queued commands and waitForStop reject', async () => {
  const s = await MiSession.start({ args: [spin] });
  const [program, child] = await startSpin(s);
  // GDB reads no command while the program runs: these wait.
  const pending = [s.command('-stack-list-frames'), s.command('-break-list'), s.waitForStop()];
  process.kill(s.pid, 'SIGKILL');
  for (const p of pending) {
    await assert.rejects(p, (e: unknown) => e instanceof MiError && e.kind === 'exited' && /SIGKILL/.test(e.gdbMessage));
  }
  await s.close();
  await assertGone({ gdb: s.pid, program, 'child of the program': child });
});

test('a command that times out rejects, and gdb and its program are killed', async () => {
  const s = await MiSession.start({ args: [spin] });
  const [program, child] = await startSpin(s);
  const exited = new Promise((resolve) => s.on('exit', resolve));
  await assert.rejects(s.command('-stack-list-frames', { timeoutMs: 300 }), (e: unknown) => e instanceof MiError && e.kind === 'timeout');
  await exited;
  await assertGone({ gdb: s.pid, program, 'child of the program': child });
  await assert.rejects(s.command('-break-list'), (e: unknown) => e instanceof MiError && e.kind === 'exited' && /-stack-list-frames/.test(e.gdbMessage));
});

test('a Node process that dies without close leaves no gdb and nothing it started', async () => {
  // GDB busy with a shell command reads no input, so it would not notice that its stdin closed.
  const mi = new URL('../../src/mi/index.js', import.meta.url).href;
  const script = `
    const { execFileSync } = await import('node:child_process');
    const { MiSession } = await import(${JSON.stringify(mi)});
    const s = await MiSession.start({ args: [${JSON.stringify(fact)}] });
    void s.console('shell sleep 600').catch(() => {});
    while (execFileSync('ps', ['-o', 'pid=', '-s', String(s.pid)], { encoding: 'utf8' }).trim().split('\\n').length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    console.log(s.pid);
    throw new Error('a test that fails');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.match(r.stderr, /a test that fails/);
  const gdb = Number(r.stdout);
  assert.ok(gdb > 0, r.stdout);
  await assertGone({ gdb });
  // Nothing alive is left in GDB's session (ps lists zombies with state Z).
  const left = spawnSync('ps', ['-o', 'pid=,stat=,args=', '-s', String(gdb)], { encoding: 'utf8' }).stdout;
  assert.deepEqual(left.split('\n').filter((l) => l.trim() && !/^\s*\d+ Z/.test(l)), []);
});

test('a gdb that cannot start rejects start', async () => {
  await assert.rejects(MiSession.start({ gdb: join(dir, 'no-such-gdb') }), (e: unknown) => e instanceof MiError && e.kind === 'exited' && /ENOENT/.test(e.gdbMessage));
  await assert.rejects(MiSession.start({ args: ['--no-such-option'] }), (e: unknown) => e instanceof MiError && e.kind === 'exited' && /no-such-option/.test(e.gdbMessage));
});
