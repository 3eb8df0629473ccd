// Every command of the README's ```sh blocks runs as written from a fresh checkout (after
// `npm install`): the `npx jitdbg` and `cc` lines, in the repository, with status 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../fixtures/corpus.js';

/** The command lines of the README's sh blocks, comments removed. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```sh\n([^]*?)^```$/gm)].flatMap((m) => m[1]!.split('\n'))
    .map((l) => l.replace(/\s+# .*$/, '').trim())
    .filter((l) => l !== '');
}

test('the README\'s commands run as written', () => {
  const commands = readmeCommands();
  assert.ok(commands.some((c) => c.startsWith('npx jitdbg run')) && commands.some((c) => c.startsWith('npx jitdbg elf')), commands.join('\n'));
  const work = mkdtempSync(join(tmpdir(), 'jitdbg-readme-'));
  const env = { ...process.env, XDG_CACHE_HOME: join(work, 'cache'), npm_config_cache: join(work, 'npm') };
  try {
    for (const command of commands.filter((c) => c.startsWith('npx jitdbg ') || c.startsWith('cc '))) {
      // The outputs of cc land in a scratch directory, not in the checkout.
      const line = command.replace(/ -o (\S+)/, ` -o ${work}/$1`).replace(/(npx jitdbg \w+) (hello\.o)/, `$1 ${work}/$2`);
      const r = spawnSync('bash', ['-c', `${line} > /dev/null`], { cwd: root, env, encoding: 'utf8' });
      assert.equal(r.status, 0, `${command}\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /internal error|^jitdbg: (?!timing )/m, command);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
