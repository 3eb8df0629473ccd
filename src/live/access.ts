import { readFileSync } from 'node:fs';
import { LiveError } from './errors.js';

const PTRACE_SCOPE = '/proc/sys/kernel/yama/ptrace_scope';

/**
 * The error for a failed open of /proc/PID/FILE: the process is gone, or the kernel's ptrace
 * access check refused (another user's process, a non-dumpable one, or Yama's ptrace_scope).
 */
export function accessError(pid: number, e: NodeJS.ErrnoException): Error {
  if (e.code === 'ENOENT' || e.code === 'ESRCH') return new LiveError(`no such process: ${pid}`);
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return new LiveError(`process ${pid}: permission denied by the kernel's ptrace access check (${ptraceScope()})`);
  }
  return e;
}

/** What Yama allows, for the permission message. */
function ptraceScope(): string {
  let scope: string;
  try {
    scope = readFileSync(PTRACE_SCOPE, 'utf8').trim();
  } catch {
    return `no Yama here (${PTRACE_SCOPE} is absent): only processes of your own user that are dumpable`;
  }
  const meaning: Record<string, string> = {
    '0': 'any process of your own user',
    '1': 'only your descendants, or processes that allowed you with prctl(PR_SET_PTRACER)',
    '2': 'only with CAP_SYS_PTRACE',
    '3': 'no process at all',
  };
  return `${PTRACE_SCOPE} is ${scope}: ${meaning[scope] ?? 'unknown setting'}`;
}
