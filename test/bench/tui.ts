// `npm run bench -- tui`: `jitdbg tui` as a person meets it, in a real terminal (a pty seen
// through a headless xterm, test/support/terminal.ts), 80x24:
//   tui.sqlite3.first_screen_ms   start of the command to the first full screen on sqlite3.o
//   tui.sqlite3.first_screen_ratio   that over `readelf -SsW sqlite3.o > /dev/null`, same run
//   tui.node.filter_ms            one filter keystroke over node's 107k symbols to the screen
//                                 that shows its result (median of the keys typed)
//   tui.node.filter_first_ms      the first of them, which tests every symbol
//   tui.node.rss_mb               resident memory with /usr/bin/node open, filtered
//   tui.node.rss_ratio            that over node's file size
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { sqlite3Object } from '../fixtures/corpus.js';
import { cli } from '../integration/live-harness.js';
import { keystrokeMs, openTerminal } from '../support/terminal.js';
import { commandMs, figure, median } from './measure.js';

const RUNS = 5;
const FILTER = 'Heap::Collect';
const FIRST_SCREEN = (s: string[]): boolean => /^Symbols: .* \d+ symbols/.test(s[1] ?? '') && /\? help/.test(s[22] ?? '');

async function firstScreenMs(file: string): Promise<number> {
  const start = performance.now();
  const t = await openTerminal(process.execPath, [cli, 'tui', file]);
  try {
    await t.waitFor(FIRST_SCREEN, 30_000);
    return performance.now() - start;
  } finally {
    await t.close();
  }
}

export async function tui(): Promise<void> {
  const sqlite3 = sqlite3Object().object;
  await firstScreenMs(sqlite3); // warms the file cache, as readelf's warm-up call does
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await firstScreenMs(sqlite3));
  const readelf = commandMs('readelf', ['-SsW', sqlite3], RUNS);
  figure('tui.sqlite3.first_screen_ms', median(times), 'ms');
  figure('tui.sqlite3.readelf_ms', readelf, 'ms');
  figure('tui.sqlite3.first_screen_ratio', median(times) / readelf, 'x');

  const node = realpathSync(process.execPath);
  const t = await openTerminal(process.execPath, [cli, 'tui', node]);
  try {
    await t.waitFor(FIRST_SCREEN, 30_000);
    // Demangling runs after the first screen; filter once it is done, as a person would after a second.
    await t.waitFor((s) => s.some((r) => r.includes('::')), 30_000);
    await new Promise((r) => setTimeout(r, 2000));
    await keystrokeMs(t, '/', (s) => s[22]!.startsWith('/█'));
    const keys: number[] = [];
    for (let i = 1; i <= FILTER.length; i++) {
      const typed = FILTER.slice(0, i);
      keys.push(await keystrokeMs(t, FILTER[i - 1]!, (s) => s[22]!.startsWith(`/${typed}█`) && /\d+ of \d+ symbols/.test(s[1]!)));
    }
    figure('tui.node.filter_first_ms', keys[0]!, 'ms');
    figure('tui.node.filter_ms', median(keys), 'ms');
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${t.pid}/status`, 'utf8'))![1]) / 1024;
    figure('tui.node.rss_mb', rss, 'MB');
    figure('tui.node.rss_ratio', rss / (statSync(node).size / 2 ** 20), 'x');
  } finally {
    await t.close();
  }
}
