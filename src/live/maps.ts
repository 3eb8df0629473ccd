import { readFileSync } from 'node:fs';
import { accessError } from './access.js';

/** One line of /proc/PID/maps. */
export interface Mapping {
  start: number;
  end: number;
  /** "r-xp" */
  perms: string;
  /** File offset of `start`. */
  offset: number;
  /** The mapped file, or a pseudo name ("[heap]"), or "" for anonymous memory. */
  path: string;
}

const LINE = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) ([0-9a-f]+) \S+ \d+\s*(.*)$/;

export function readMaps(pid: number): Mapping[] {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/maps`, 'utf8');
  } catch (e) {
    throw accessError(pid, e as NodeJS.ErrnoException);
  }
  const out: Mapping[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (m) out.push({ start: parseInt(m[1]!, 16), end: parseInt(m[2]!, 16), perms: m[3]!, offset: parseInt(m[4]!, 16), path: m[5]! });
  }
  return out;
}

/** True when [start, end) is covered by executable mappings. */
export function mappedExecutable(maps: Mapping[], start: number, end: number): boolean {
  let at = start;
  for (const m of maps) {
    if (m.perms[2] === 'x' && m.start <= at && at < m.end) at = m.end;
    if (at >= end) return true;
  }
  return at >= end;
}
