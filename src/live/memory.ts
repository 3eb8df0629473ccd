import { closeSync, openSync, readSync } from 'node:fs';
import { accessError } from './access.js';
import { LiveError } from './errors.js';

/**
 * Another process's memory, read-only, through /proc/PID/mem with positioned reads. Not
 * process_vm_readv: it passes the same ptrace access check, and reading /proc needs no koffi,
 * whose load would dominate a `jitdbg jit list`; its scatter reads would save little, since
 * each symfile's address is known only once its jit_code_entry has been read. The process
 * is never stopped, so what is read may change meanwhile (see snapshot.ts).
 */
export class ProcessMemory {
  private constructor(readonly pid: number, private fd: number) {}

  static open(pid: number): ProcessMemory {
    try {
      return new ProcessMemory(pid, openSync(`/proc/${pid}/mem`, 'r'));
    } catch (e) {
      throw accessError(pid, e as NodeJS.ErrnoException);
    }
  }

  /** `size` bytes at `address`; a LiveError naming what and where when they are not all mapped. */
  read(address: number, size: number, what: string): Uint8Array {
    const out = new Uint8Array(size);
    let n = 0;
    try {
      // A read past 2^63 wraps to a negative offset: no such user-space address.
      while (n < size && Number.isSafeInteger(address + size)) {
        const got = readSync(this.fd, out, n, size - n, address + n);
        if (got === 0) break;
        n += got;
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EIO' && code !== 'EFAULT' && code !== 'EINVAL') throw e;
    }
    if (n < size) throw new LiveError(`unreadable ${what} at 0x${(address + n).toString(16)} (${size} bytes at 0x${address.toString(16)})`);
    return out;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
