/**
 * The modules a live process registered, followed as it registers and unregisters: each poll
 * takes a consistent copy of its lists through the live reader, appends the images that are new
 * and marks those that went away (they stay, readable, so a view open on one keeps working).
 */
import { existsSync } from 'node:fs';
import { FormatError, LiveError, readRegistrations, summarizeImage, type LiveEntry, type Registrations } from '../../src/index.js';
import { Document } from './document.js';

const identity = (e: LiveEntry): string => `${e.address}:${e.symfileAddr}:${e.symfileSize}`;

export class LiveModules {
  readonly docs: Document[] = [];
  /** Every entry seen, by identity; null for an image that could not be read. */
  private readonly known = new Map<string, Document | null>();
  private lastProblems = '';
  private polled = false;

  constructor(readonly pid: number) {}

  /** Reads the process's lists again; returns what changed, in words (empty when nothing did). */
  poll(now = new Date()): string[] {
    const seen = new Set<string>();
    const changes: string[] = [];
    const problems: string[] = [];
    let read: Registrations | undefined;
    try {
      read = readRegistrations(this.pid);
    } catch (e) {
      // No descriptor yet (the JIT has not loaded the library that defines it): keep watching.
      // A process that is not there is an error at the start, and later the end of its modules.
      const exists = existsSync(`/proc/${this.pid}`);
      if (!(e instanceof LiveError) || (!exists && !this.polled)) throw e;
      problems.push(exists ? e.message : `process ${this.pid} has exited`);
    }
    this.polled = true;
    for (const d of read?.descriptors ?? []) {
      if ('error' in d) {
        problems.push(d.error.message);
        continue;
      }
      // GDB's list puts the newest first: appending from its end keeps the order of registration.
      for (const e of [...d.entries].reverse()) {
        const id = identity(e);
        seen.add(id);
        if (this.known.has(id)) continue;
        // Named as `jitdbg jit list` names it: the image's source files, else where its entry is.
        const where = `entry 0x${e.address.toString(16)}`;
        const summary = summarizeImage(e.image, where);
        const name = summary.name || where;
        if (summary.elf instanceof FormatError) {
          this.known.set(id, null);
          changes.push(`${name}: cannot read its image: ${summary.elf.message}`);
          continue;
        }
        const doc = new Document(name, summary.elf, { entry: e.address, symfile: e.symfileAddr, size: e.symfileSize });
        this.known.set(id, doc);
        this.docs.push(doc);
        changes.push(`registered ${name}`);
      }
    }
    // A list that cannot be read is said once, not at every poll.
    if (problems.join('\n') !== this.lastProblems && problems.length) changes.push(...problems);
    this.lastProblems = problems.join('\n');
    for (const [id, doc] of this.known) {
      if (seen.has(id)) continue;
      if (!doc) {
        this.known.delete(id);
        continue;
      }
      doc.registration!.goneAt = now;
      // The same addresses registered again later are a new module.
      this.known.delete(id);
      changes.push(`unregistered ${doc.name}`);
    }
    return changes;
  }
}

