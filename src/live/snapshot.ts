import {
  CODE_ENTRY_SIZE, decodeCodeEntry, decodeDescriptor, DESCRIPTOR, DESCRIPTOR_SIZE, type JitDescriptor,
} from '../target/jit-abi.js';
import type { DescriptorLocation } from './descriptors.js';
import { LiveError } from './errors.js';
import type { ProcessMemory } from './memory.js';

/** What a snapshot reads through: a process's memory, or anything that changes like one. */
export type MemoryReader = Pick<ProcessMemory, 'read'>;

/** One `jit_code_entry` with a copy of its symfile. */
export interface LiveEntry {
  index: number;
  address: number;
  symfileAddr: number;
  symfileSize: number;
  image: Uint8Array;
}

/** A descriptor and its list as they were at one moment. */
export interface LiveDescriptor extends DescriptorLocation {
  version: number;
  actionFlag: number;
  relevantEntry: number;
  entries: LiveEntry[];
}

export interface SnapshotLimits {
  /** Reads of the whole list before giving up on a list that keeps changing (two that agree are needed). */
  attempts: number;
  /** Entries beyond which the list is taken for a cycle. */
  maxEntries: number;
  /** The largest symfile copied (a garbage symfile_size must not allocate gigabytes). */
  maxSymfile: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = { attempts: 10, maxEntries: 1_000_000, maxSymfile: 1 << 30 };

/**
 * A consistent copy of a descriptor's list, read while the process runs. GDB descriptors have
 * no seqlock (ART's have one, which simpleperf's JITDebugReader relies on), so a copy is taken
 * as consistent only when two reads in a row agree: the descriptor (first_entry,
 * relevant_entry, action_flag), every entry and every symfile byte. Comparing the descriptor
 * alone would miss a writer that registers and unregisters back to the same addresses (malloc
 * hands freed entries out again) while a symfile is being copied, or scribbled over as it is
 * freed. A walk that fails is read again too: a writer between its stores (the old head's
 * prev_entry already pointing at the new entry, first_entry not yet) shows a list broken only
 * for that moment, and the same moment can be caught twice (an entry freed, its prev_entry
 * overwritten by malloc, and handed out again at the same address). A list is taken as broken,
 * and the walk's error thrown, only when it never reads whole and its last two reads failed the
 * same way with the descriptor unchanged.
 */
export function snapshot(memory: MemoryReader, at: DescriptorLocation, limits: SnapshotLimits = DEFAULT_LIMITS): LiveDescriptor {
  let previous: Reading | undefined;
  let repeated: LiveError | undefined;
  for (let attempt = 0; attempt < limits.attempts; attempt++) {
    const reading = read(memory, at.address, limits);
    repeated = undefined;
    if (previous && sameHead(previous.head, reading.head)) {
      if (previous.entries && reading.entries && sameEntries(previous.entries, reading.entries)) {
        const { version, actionFlag, relevantEntry } = reading.head;
        return { ...at, version, actionFlag, relevantEntry, entries: reading.entries };
      }
      if (previous.failure && reading.failure && previous.failure.message === reading.failure.message) repeated = reading.failure;
    }
    previous = reading;
  }
  throw repeated ?? new LiveError(`the list of ${DESCRIPTOR} at 0x${at.address.toString(16)} (${at.object}) kept changing: no consistent copy in ${limits.attempts} reads`);
}

/** The descriptor and a walk of its list from it, or why the walk failed. */
interface Reading {
  head: JitDescriptor;
  entries?: LiveEntry[];
  failure?: LiveError;
}

function read(memory: MemoryReader, address: number, limits: SnapshotLimits): Reading {
  const head = readHead(memory, address);
  try {
    return { head, entries: walk(memory, head.firstEntry, limits) };
  } catch (e) {
    if (!(e instanceof LiveError)) throw e;
    return { head, failure: e };
  }
}

function sameHead(a: JitDescriptor, b: JitDescriptor): boolean {
  return a.firstEntry === b.firstEntry && a.relevantEntry === b.relevantEntry && a.actionFlag === b.actionFlag && a.version === b.version;
}

function sameEntries(a: LiveEntry[], b: LiveEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => {
    const f = b[i]!;
    return e.address === f.address && e.symfileAddr === f.symfileAddr && e.symfileSize === f.symfileSize && Buffer.compare(e.image, f.image) === 0;
  });
}

function readHead(memory: MemoryReader, address: number): JitDescriptor {
  const bytes = memory.read(address, DESCRIPTOR_SIZE, DESCRIPTOR);
  return decodeDescriptor(new DataView(bytes.buffer));
}

/** The list from `first`, each back link and symfile checked; a cycle shows as a revisited entry. */
function walk(memory: MemoryReader, first: number, limits: SnapshotLimits): LiveEntry[] {
  const entries: LiveEntry[] = [];
  const seen = new Set<number>();
  let prev = 0;
  for (let at = first; at !== 0;) {
    if (seen.has(at)) throw new LiveError(`jit_code_entry 0x${at.toString(16)} appears twice: the list has a cycle`);
    if (entries.length === limits.maxEntries) throw new LiveError(`the list has more than ${limits.maxEntries} entries`);
    seen.add(at);
    const e = decodeCodeEntry(new DataView(memory.read(at, CODE_ENTRY_SIZE, 'jit_code_entry').buffer));
    const name = `jit_code_entry 0x${at.toString(16)}`;
    if (e.prevEntry !== prev) throw new LiveError(`${name}: prev_entry is 0x${e.prevEntry.toString(16)}, not 0x${prev.toString(16)}`);
    if (e.symfileSize > limits.maxSymfile) throw new LiveError(`${name}: symfile_size ${e.symfileSize} is larger than ${limits.maxSymfile}`);
    const image = memory.read(e.symfileAddr, e.symfileSize, `symfile of ${name}`);
    entries.push({ index: entries.length, address: at, symfileAddr: e.symfileAddr, symfileSize: e.symfileSize, image });
    prev = at;
    at = e.nextEntry;
  }
  return entries;
}
