// ExecutorTarget and `jitdbg executor`: code linked here lives, runs and is registered with GDB
// in another process. What it computes is compared with the same objects in this process; faults
// are real (the executor is stopped and killed, the controller is killed, bytes are forged on
// the socket) and each must end in an ExecutorError naming what was in flight, no process left
// behind, and nothing left allocated or registered in the executor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElfFile } from '../../src/elf/read.js';
import { ExecutorTarget } from '../../src/executor/target.js';
import { encodeFrame, Fields, FieldReader, FrameReader, MAGIC, MAX_PAYLOAD, Op, PROTOCOL_VERSION, REQUEST, type Frame } from '../../src/executor/protocol.js';
import { readRegistrations } from '../../src/live/index.js';
import { JITSession } from '../../src/session.js';
import { ExecutorError } from '../../src/target/errors.js';
import { corpusObjects } from '../fixtures/corpus.js';
import { cli } from './gdb-harness.js';

function object(name: string): { bytes: Uint8Array; name: string } {
  const o = corpusObjects().find((x) => x.name === name)!;
  return { bytes: readFileSync(o.object), name: `${name}.o` };
}

/** An object compiled from C `source` with gcc -g -O0. */
function compiled(name: string, source: string): { bytes: Uint8Array; name: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-exec-'));
  try {
    writeFileSync(join(dir, `${name}.c`), source);
    execFileSync('gcc', ['-g', '-O0', '-c', join(dir, `${name}.c`), '-o', join(dir, `${name}.o`)]);
    return { bytes: readFileSync(join(dir, `${name}.o`)), name: `${name}.o` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

/** The executor's mappings below 4 GiB (where modules go), without its heap. */
function lowMaps(pid: number): string[] {
  return readFileSync(`/proc/${pid}/maps`, 'utf8').trim().split('\n').filter((l) => parseInt(l, 16) < 2 ** 32 && !l.includes('[heap]'));
}

/** A copy of an object whose first .rela.text entry has relocation type 200. */
function unknownRelocation(name: string): { bytes: Uint8Array; name: string } {
  const copy = new Uint8Array(object(name).bytes);
  const rela = ElfFile.read(copy).section('.rela.text')!;
  new DataView(copy.buffer).setUint32(rela.sh_offset + 8, 200, true);
  return { bytes: copy, name: 'odd.o' };
}

test('a spawned executor links, calls and unloads what this process links and calls; its process is gone after close', async () => {
  const here = new JITSession();
  here.addObject(object('fact.O2').bytes, 'fact.o');
  const target = await ExecutorTarget.spawn();
  try {
    assert.notEqual(target.pid, process.pid);
    const session = new JITSession({ target });
    const [m] = session.addObjects([object('fact.O2')]);
    assert.ok(m!.start > 0);
    for (const n of [0, 1, 5, 10]) assert.equal(await session.function('fact', 'int', ['int'])(n), here.function('fact', 'int', ['int'])(n));
    for (const n of [0, 3, 9]) assert.equal(await session.function('kind', 'const char *', ['int'])(n), here.function('kind', 'const char *', ['int'])(n));
    // The debug image is registered in the executor's own GDB JIT descriptor.
    const live = readRegistrations(target.pid).descriptors.flatMap((d) => ('entries' in d ? d.entries : []));
    assert.equal(live.length, 1);
    session.dispose();
    assert.equal(readRegistrations(target.pid).descriptors.flatMap((d) => ('entries' in d ? d.entries : [])).length, 0, 'dispose unregisters');
    await assert.rejects(async () => session.function('fact', 'int', ['int']), /no module of the session defines/);
  } finally {
    await target.close();
    here.dispose();
  }
  assert.ok(await gone(target.pid), 'the executor exits when the controller closes the connection');
});

test('a link that fails after allocating leaves nothing allocated or registered in the executor', async () => {
  const target = await ExecutorTarget.spawn();
  try {
    const session = new JITSession({ target });
    session.addObjects([object('fact.O0')]).forEach((m) => m.dispose()); // the registration library is loaded once
    const before = lowMaps(target.pid);
    const starts: number[] = [];
    const allocate = target.memory.allocate.bind(target.memory);
    target.memory.allocate = (requests, placement) => {
      const a = allocate(requests, placement);
      starts.push(a.start);
      return a;
    };
    // calls.O2 is allocated before odd.o's relocations are found bad.
    assert.throws(() => session.addObjects([object('calls.O2'), unknownRelocation('util.O2')]), /unknown relocation type 200/);
    assert.ok(starts.length >= 1, 'something was allocated before the failure');
    assert.deepEqual(lowMaps(target.pid), before);
    assert.equal(readRegistrations(target.pid).descriptors.flatMap((d) => ('entries' in d ? d.entries : [])).length, 0);
    assert.equal(session.modules.length, 0);
  } finally {
    await target.close();
  }
});

test('the executor killed during a link: an ExecutorError naming the request in flight, no process left', async () => {
  const target = await ExecutorTarget.spawn();
  const session = new JITSession({ target });
  // Stopped, then killed while the link waits for its first reply.
  process.kill(target.pid, 'SIGSTOP');
  const killer = spawn('sh', ['-c', `sleep 0.5; kill -9 ${target.pid}`]);
  try {
    assert.throws(() => session.addObject(object('calls.O2').bytes, 'calls.o'), (e: unknown) =>
      e instanceof ExecutorError && new RegExp(`^the executor \\(pid ${target.pid}\\) was killed by SIGKILL during (the lookup of|the allocation of|what 0x)`).test(e.message));
    assert.equal(session.modules.length, 0);
    // Later requests say the executor is gone, without waiting.
    assert.throws(() => target.lookup('printf'), /was killed by SIGKILL: the lookup of printf cannot be done/);
  } finally {
    killer.kill();
    await target.close();
  }
  assert.ok(await gone(target.pid));
});

test('the executor killed during a call: the call rejects with an ExecutorError naming the function', async () => {
  const target = await ExecutorTarget.spawn();
  try {
    const session = new JITSession({ target });
    session.addObject(compiled('spin', 'volatile int stop;\nint spin(void) { while (!stop) {} return 1; }\n').bytes, 'spin.o');
    const call = session.function('spin', 'int', []);
    const result = call();
    setTimeout(() => process.kill(target.pid, 'SIGKILL'), 300);
    await assert.rejects(result as Promise<unknown>, (e: unknown) => e instanceof ExecutorError && e.message === `the executor (pid ${target.pid}) was killed by SIGKILL during the call of spin`);
    session.dispose(); // nothing to free in a process that is gone, and no error for it
  } finally {
    await target.close();
  }
  assert.ok(await gone(target.pid));
});

test('the controller killed while the executor runs code that never returns: the executor exits too', async () => {
  const script = `
    import { ExecutorTarget, JITSession } from ${JSON.stringify(join(cli, '..', '..', 'index.js'))};
    import { readFileSync } from 'node:fs';
    const target = await ExecutorTarget.spawn();
    const session = new JITSession({ target });
    session.addObject(readFileSync(process.argv[1]), 'spin.o');
    console.log(target.pid);
    await session.function('spin', 'int', [])();`;
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-exec-'));
  try {
    writeFileSync(join(dir, 'spin.o'), compiled('spin', 'int spin(void) { for (;;) {} }\n').bytes);
    const controller = spawn(process.execPath, ['--input-type=module', '-e', script, join(dir, 'spin.o')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = Number(await new Promise<string>((resolve) => {
      controller.stdout.once('data', (d: Buffer) => resolve(d.toString()));
      controller.once('exit', () => resolve('the controller exited'));
    }));
    assert.ok(pid > 0 && alive(pid), 'the controller started an executor that runs');
    controller.kill('SIGKILL');
    assert.ok(await gone(pid), 'the executor dies with its controller');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `jitdbg executor --listen 0 --token-file F`, once its token file is written. */
async function listening(): Promise<{ child: ChildProcess; token: string; address: string; stderr: () => string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-listen-'));
  const file = join(dir, 'token');
  const child = spawn(process.execPath, [cli, 'executor', '--listen', '0', '--token-file', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 25));
  const [token, address] = readFileSync(file, 'utf8').split('\n');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  return { child, token: token!, address: address!, stderr: () => err, dir };
}

/** A raw client: sends frames, collects the replies until the executor hangs up or `count` came. */
async function raw(address: string, send: (s: Socket) => void, count: number): Promise<Frame[]> {
  const [host, port] = address.split(':');
  const s = connect({ host, port: Number(port) });
  const reader = new FrameReader();
  const got: Frame[] = [];
  return new Promise((resolve, reject) => {
    s.on('connect', () => send(s));
    s.on('data', (d: Buffer) => {
      got.push(...reader.push(new Uint8Array(d)));
      if (got.length >= count) {
        s.destroy();
        resolve(got);
      }
    });
    s.on('close', () => resolve(got));
    s.on('error', reject);
  });
}

const hello = (token: string, version = PROTOCOL_VERSION) => encodeFrame(1, Op.hello, REQUEST, new Fields().bytes(new TextEncoder().encode(MAGIC)).u32(version).string(token).strings([]).done());
const failure = (f: Frame) => {
  const r = new FieldReader(f.payload, 'failure');
  return `${r.string()}: ${r.string()}`;
};

test('a listening executor binds 127.0.0.1, refuses and logs a wrong token, a wrong version and a request before hello, then serves the right client', async () => {
  const x = await listening();
  try {
    assert.match(x.address, /^127\.0\.0\.1:\d+$/);
    const wrong = await raw(x.address, (s) => s.write(hello('0'.repeat(64))), 1);
    assert.match(failure(wrong[0]!), /refused: it presented a wrong token/);
    const old = await raw(x.address, (s) => s.write(hello(x.token, 99)), 1);
    assert.match(failure(old[0]!), /refused: it speaks protocol version 99/);
    // A call before the handshake: refused, and nothing runs.
    const early = await raw(x.address, (s) => s.write(encodeFrame(1, Op.call, REQUEST, new Fields().u64(0).string('void').strings([]).done())), 1);
    assert.match(failure(early[0]!), /refused: its first message was call, not hello/);
    await assert.rejects(ExecutorTarget.connect(x.address, 'f'.repeat(64)), (e: unknown) => e instanceof ExecutorError && /refused: it presented a wrong token/.test(e.message));
    assert.equal(x.stderr().match(/refused 127\.0\.0\.1:\d+: /g)?.length, 4, x.stderr());
    const target = await ExecutorTarget.connect(x.address, x.token);
    const session = new JITSession({ target });
    session.addObject(object('fact.O2').bytes, 'fact.o');
    assert.equal(await session.function('fact', 'int', ['int'])(6), 720);
    await target.exit(7);
    const status = await new Promise<number | null>((resolve) => (x.child.exitCode !== null ? resolve(x.child.exitCode) : x.child.once('exit', resolve)));
    assert.equal(status, 7, 'exit ends the executor with the status given');
  } finally {
    x.child.kill('SIGKILL');
    rmSync(x.dir, { recursive: true, force: true });
  }
});

test('malformed and oversized messages are refused with an error; the executor does not crash', async () => {
  const x = await listening();
  try {
    const replies = await raw(x.address, (s) => {
      s.write(hello(x.token));
      s.write(encodeFrame(2, Op.lookup, REQUEST, new Uint8Array([5, 0, 0, 0, 1]))); // 5 names, 1 byte
      s.write(encodeFrame(3, 999, REQUEST, new Uint8Array(0)));
      s.write(encodeFrame(4, Op.dispose, REQUEST, new Fields().u32(12345).done()));
      s.write(encodeFrame(5, Op.read, REQUEST, new Fields().u64(8).u32(16).done()));
      // Then a header announcing more than the limit: refused, and the connection ends.
      const big = encodeFrame(6, Op.registerImage, REQUEST, new Uint8Array(0));
      new DataView(big.buffer).setUint32(0, MAX_PAYLOAD + 1, true);
      s.write(big);
    }, 6);
    assert.deepEqual(replies.map((f) => f.id), [1, 2, 3, 4, 5, 0]);
    assert.match(failure(replies[1]!), /^FormatError: malformed lookup request: /);
    assert.match(failure(replies[2]!), /unknown request 999/);
    assert.match(failure(replies[3]!), /handle 12345 is not held/);
    assert.match(failure(replies[4]!), /not all readable in the executor/);
    assert.match(failure(replies[5]!), /over the \d+-byte limit/);
    const status = await new Promise<number | null>((resolve) => (x.child.exitCode !== null ? resolve(x.child.exitCode) : x.child.once('exit', resolve)));
    assert.equal(status, 0, 'the controller gone, the executor exits cleanly');
    assert.match(x.stderr(), /refused a message from 127\.0\.0\.1:\d+: a message announces \d+ bytes/);
    assert.doesNotMatch(x.stderr(), /internal error|at .*\.js:\d+/);
  } finally {
    x.child.kill('SIGKILL');
    rmSync(x.dir, { recursive: true, force: true });
  }
});

test('jitdbg run --executor: one-line errors for a wrong address and a missing token file; a program that crashes or calls exit ends as natively', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8' });
  const fact = corpusObjects().find((x) => x.name === 'fact.O0')!.object;
  assert.equal(run(['--executor', 'nowhere', fact]).stderr, "jitdbg: run: --executor takes 'spawn' or HOST:PORT, not 'nowhere'\n");
  assert.equal(run(['--executor', '127.0.0.1:1', fact]).stderr, 'jitdbg: run: --executor 127.0.0.1:1 needs --token-file (the file the executor wrote its token to)\n');
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-exec-'));
  try {
    writeFileSync(join(dir, 'token'), `${'0'.repeat(64)}\n127.0.0.1:1\n`);
    const refused = run(['--executor', '127.0.0.1:1', '--token-file', join(dir, 'token'), fact]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^jitdbg: the connection to the executor at 127\.0\.0\.1:1 failed \(connect ECONNREFUSED 127\.0\.0\.1:1\) during the handshake\n$/);
    // A program that crashes: said, and the status is the native program's (killed by the signal).
    writeFileSync(join(dir, 'crash.c'), 'int main(void) { return *(volatile int *)8; }\n');
    const crash = run(['--executor', 'spawn', join(dir, 'crash.c')]);
    assert.equal(crash.signal, 'SIGSEGV');
    assert.match(crash.stderr, /^jitdbg: the executor \(pid \d+\) was killed by SIGSEGV during the call of main\n$/);
    // A program that calls exit: its output and status, as natively, and nothing else.
    writeFileSync(join(dir, 'quits.c'), '#include <stdio.h>\n#include <stdlib.h>\nint main(void) { printf("leaving"); exit(3); }\n');
    execFileSync('gcc', [join(dir, 'quits.c'), '-o', join(dir, 'quits')]);
    const native = spawnSync(join(dir, 'quits'), { encoding: 'utf8' });
    const quits = run(['--executor', 'spawn', join(dir, 'quits.c')]);
    assert.deepEqual([quits.stdout, quits.stderr, quits.status], [native.stdout, '', native.status]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('jitdbg executor alone talks over stdin and stdout, wherever they lead (a pipe in, a file out)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-exec-'));
  try {
    // The controller's messages, written ahead: hello, lookup, and garbage (an oversized header).
    const hello = new Fields().bytes(new TextEncoder().encode(MAGIC)).u32(PROTOCOL_VERSION).string('').strings([]).frame(1, Op.hello, REQUEST);
    const lookup = new Fields().strings(['puts', 'jitdbg_nowhere']).frame(2, Op.lookup, REQUEST);
    const garbage = new Uint8Array(12).fill(0xff);
    const out = join(dir, 'out');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" executor > "${out}"`], { input: Buffer.concat([hello, lookup, garbage]), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const replies = new FrameReader().push(new Uint8Array(readFileSync(out)));
    assert.deepEqual(replies.map((f) => [f.id, f.status]), [[1, 1], [2, 1], [0, 2]]);
    const found = new FieldReader(replies[1]!.payload, 'lookup');
    assert.equal(found.u32(), 2);
    assert.ok(found.u64() > 0, 'puts is found in the executor');
    assert.equal(found.u64(), 0, 'jitdbg_nowhere is not');
    assert.match(failure(replies[2]!), /over the \d+-byte limit/);
    assert.match(r.stderr, /refused a message from the controller/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('jitdbg executor: usage errors are one line', () => {
  const ex = (args: string[]) => spawnSync(process.execPath, [cli, 'executor', ...args], { encoding: 'utf8' });
  assert.equal(ex(['--listen', '0']).stderr, 'jitdbg: executor: --listen needs --token-file (where the token a controller must present is written)\n');
  assert.equal(ex(['--listen', 'a:b:c', '--token-file', '/tmp/x']).stderr, "jitdbg: executor: --listen takes [HOST:]PORT, not 'a:b:c'\n");
  assert.equal(ex(['--fds', '3']).stderr, "jitdbg: executor: --fds takes IN,OUT (two descriptor numbers), not '3'\n");
  assert.equal(ex(['extra']).status, 1);
  assert.match(ex(['--help']).stdout, /^usage: jitdbg executor \[options\]/);
});
