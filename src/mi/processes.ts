// GDB runs in a session of its own (spawned with setsid). The programs it starts stay in that
// session even though GDB gives each its own process group, while a process it attaches to does
// not: "the session's members" are exactly what GDB started. Linux /proc only.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of the processes whose session id is `sid`, the leader included while it lives. */
export function sessionMembers(sid: number): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[3]) === sid && fields[0] !== 'Z') pids.push(Number(name));
  }
  return pids;
}

/** SIGKILL to each pid; ones that are already gone are skipped. */
export function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // ESRCH: gone already.
    }
  }
}
