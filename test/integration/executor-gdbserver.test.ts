// Remote, for real: the executor runs under gdbserver on a loopback port, GDB connects to that
// gdbserver with `target extended-remote`, and a controller (`jitdbg run --executor HOST:PORT`,
// a process of its own) links the program over TCP. Everything GDB learns about the JIT'd code —
// the JIT descriptor, each debug image, the code and the stack — comes through gdbserver's
// memory reads. A breakpoint by name must hit with the backtrace, arguments and values the
// natively linked program shows under the same GDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiSession } from '../../src/mi/index.js';
import { cli, Gdb, normal, program, SETUP, withGdb, type Place } from './gdb-harness.js';

/** A loopback port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor<T>(what: string, get: () => T | undefined, ms = 60_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Seen {
  stops: Place[][];
  args: string[];
  callerN: string;
  calls: string;
}

/** The third hit of fact (recursion 5, 4, 3): each stop's backtrace and arguments, then the caller's n and a global. */
async function scenario(g: Gdb, start: () => Promise<unknown>): Promise<Seen> {
  await g.break('fact');
  const seen: Seen = { stops: [], args: [], callerN: '', calls: '' };
  await start();
  for (let i = 0; i < 3; i++) {
    if (i > 0) await g.exec('-exec-continue');
    seen.stops.push(await g.backtrace());
    seen.args.push(normal(await g.console('info args')));
  }
  await g.console(`frame ${seen.stops[2]!.length - 1}`);
  seen.callerN = await g.value('n');
  seen.calls = await g.value('calls');
  return seen;
}

test('GDB through gdbserver on an executor: a breakpoint by name in JIT\'d code hits with the native backtrace and values', async () => {
  assert.equal(spawnSync('gdbserver', ['--version']).status, 0, 'gdbserver is installed (Debian: apt-get install gdbserver)');
  const p = program('fact.O0');
  const native = await withGdb(['--args', p.exe], (g) => scenario(g, () => g.mi.command('-exec-run').then(() => g.mi.waitForStop())), 'native');

  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-gdbserver-'));
  const tokenFile = join(dir, 'token');
  const port = await freePort();
  const children: ChildProcess[] = [];
  try {
    let said = '';
    const server = spawn('gdbserver', ['--once', `127.0.0.1:${port}`, process.execPath, cli, 'executor', '--listen', '0', '--token-file', tokenFile], { stdio: ['ignore', 'inherit', 'pipe'] });
    children.push(server);
    server.stderr!.on('data', (d: Buffer) => { said += d.toString(); });
    await waitFor('gdbserver to listen', () => (/Listening on port/.test(said) ? true : undefined));

    const s = await MiSession.start({ args: [process.execPath], timeoutMs: 60_000 });
    try {
      for (const c of SETUP) await s.console(c);
      await s.command('-enable-frame-filters');
      await s.command(`-target-select extended-remote 127.0.0.1:${port}`);
      const g = new Gdb(s, 'executor');
      const remote = await scenario(g, async () => {
        await s.command('-exec-continue');
        // The executor runs under GDB now; once it listens, a controller links the program into it.
        const [, address] = (await waitFor('the token file', () => (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8') : undefined))).split('\n');
        const controller = spawn(process.execPath, [cli, 'run', '--executor', address!, '--token-file', tokenFile, ...p.objects], { stdio: ['ignore', 'ignore', 'inherit'] });
        children.push(controller);
        return s.waitForStop({ timeoutMs: 120_000 });
      });
      assert.deepEqual(remote, native);
      assert.deepEqual(remote.stops[2]!.map((f) => f.func), ['fact', 'fact', 'fact', 'main']);
      assert.equal(remote.args[2], 'n = 3\n');
      assert.equal(remote.callerN, '5');
      await s.console('kill');
    } finally {
      await s.close();
    }
  } finally {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
