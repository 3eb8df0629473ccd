// The CLI as a new user meets it: every --help, one-line errors that name the file, a closed pipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../src/cli/commands.js';
import { root, sqlite3Object } from '../fixtures/corpus.js';

const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'jitdbg-cli-')) };
const jitdbg = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, cwd: root });

/** One line on stderr, `jitdbg: ` first, exit status 1, nothing on stdout. */
function oneLineError(r: ReturnType<typeof jitdbg>, pattern: RegExp): void {
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  assert.match(r.stderr.trimEnd(), pattern);
}

test('every command answers --help with a line per option and exit status 0', () => {
  for (const name of Object.keys(commands)) {
    for (const flag of ['--help', '-h']) {
      const r = jitdbg(name, flag);
      assert.equal(r.status, 0, `${name} ${flag}: ${r.stderr}`);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, new RegExp(`^usage: jitdbg ${name} `));
      const options = r.stdout.split('\n').filter((l) => /^ {2}(-\w, )?--[a-z]/.test(l));
      assert.ok(options.length >= 2, `${name}: ${r.stdout}`);
      assert.ok(options.some((l) => /--help\b.*\S/.test(l)), `${name} lists --help`);
    }
  }
  assert.equal(jitdbg('--help').status, 0);
});

test('an unknown option or command is one line with a hint', () => {
  oneLineError(jitdbg('run', '--nope', 'examples/hello.c'), /^jitdbg: run: unknown option '--nope' .*jitdbg run --help/);
  oneLineError(jitdbg('gdb', '--nope', 'examples/hello.c'), /^jitdbg: gdb: unknown option '--nope' .*jitdbg gdb --help/);
  oneLineError(jitdbg('lldb', '--nope', 'examples/hello.c'), /^jitdbg: lldb: unknown option '--nope' .*jitdbg lldb --help/);
  oneLineError(jitdbg('lldb', '--lldb'), /^jitdbg: lldb: --lldb needs a value \(try 'jitdbg lldb --help'\)$/);
  oneLineError(jitdbg('frobnicate'), /^jitdbg: unknown command 'frobnicate'/);
});

test('file errors name the file: missing, a directory, a program argument before --', () => {
  oneLineError(jitdbg('run', 'nope.o'), /^jitdbg: nope\.o: no such file$/);
  oneLineError(jitdbg('run', 'examples'), /^jitdbg: examples: is a directory/);
  oneLineError(jitdbg('run', 'examples/hello.c', 'world'), /^jitdbg: world: no such file \(program arguments go after --: jitdbg run examples\/hello\.c -- world\)$/);
  oneLineError(jitdbg('gdb', 'examples/hello.c', 'world'), /^jitdbg: world: no such file \(program arguments go after --/);
  oneLineError(jitdbg('lldb', 'examples/hello.c', 'world'), /^jitdbg: world: no such file \(program arguments go after --/);
  oneLineError(jitdbg('elf', 'nope.o'), /^jitdbg: nope\.o: no such file$/);
  oneLineError(jitdbg('elf', 'examples'), /^jitdbg: examples: is a directory/);
  oneLineError(jitdbg('dwarf', 'nope.o'), /^jitdbg: nope\.o: no such file$/);
  oneLineError(jitdbg('dwarf', 'examples'), /^jitdbg: examples: is a directory/);
});

test('a debugger that is not installed is one line naming the package', () => {
  oneLineError(jitdbg('lldb', '--lldb', '/nonexistent/lldb', 'examples/hello.c'), /^jitdbg: lldb: cannot start \/nonexistent\/lldb: no such program \(Debian: apt-get install lldb-14, or give --lldb PATH\)$/);
  oneLineError(jitdbg('gdb', '--gdb', '/nonexistent/gdb', 'examples/hello.c'), /^jitdbg: gdb: cannot start \/nonexistent\/gdb: no such program \(Debian: apt-get install gdb, or give --gdb PATH\)$/);
});

test('an object with only LTO bytecode is refused with what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-lto-'));
  try {
    writeFileSync(join(dir, 'f.c'), 'int main(void) { return 0; }\n');
    execFileSync('gcc', ['-flto', '-c', join(dir, 'f.c'), '-o', join(dir, 'slim.o')]);
    oneLineError(jitdbg('run', join(dir, 'slim.o')), /^jitdbg: .*slim\.o: holds only LTO bytecode; compile with -fno-lto$/);
    // A fat LTO object carries machine code too: it links.
    execFileSync('gcc', ['-flto', '-ffat-lto-objects', '-c', join(dir, 'f.c'), '-o', join(dir, 'fat.o')]);
    assert.equal(jitdbg('run', join(dir, 'fat.o')).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('output into a closed pipe ends quietly with the status SIGPIPE gives readelf', () => {
  const shell = (cmd: string) => spawnSync('bash', ['-c', `${cmd} | head -1 >/dev/null; echo \${PIPESTATUS[0]}`], { encoding: 'utf8', env, cwd: root });
  const readelf = shell(`readelf -sW ${process.execPath}`);
  for (const args of [`elf ${process.execPath}`, `elf --json --symbols ${process.execPath}`, `dwarf --info ${sqlite3Object().object}`]) {
    const ours = shell(`${process.execPath} ${cli} ${args}`);
    assert.equal(ours.stderr, '', args);
    if (args.startsWith('elf')) assert.equal(ours.stdout, readelf.stdout, args);
  }
});
