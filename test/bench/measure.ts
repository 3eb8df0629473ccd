import { spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

/** Prints a figure line in the format every benchmark shares. */
export function figure(name: string, value: number, unit: string): void {
  const shown = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(3);
  console.log(`figure ${name} ${shown} ${unit}`);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median milliseconds of `runs` calls of `fn`, after one warm-up call. */
export function timeMs(fn: () => void, runs = 7): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

/** Median whole-process wall time (ms) of a command, stdout to /dev/null; it must exit with `status`. */
export function commandMs(cmd: string, args: string[], runs = 7, status = 0): number {
  const devnull = openSync('/dev/null', 'w');
  try {
    return timeMs(() => {
      const r = spawnSync(cmd, args, { stdio: ['ignore', devnull, 'ignore'] });
      if (r.status !== status) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
    }, runs);
  } finally {
    closeSync(devnull);
  }
}
