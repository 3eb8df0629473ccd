import {
  CODE_ENTRY_SIZE, decodeCodeEntry, decodeDescriptor, DESCRIPTOR, DESCRIPTOR_SIZE, type JitDescriptor,
} from '../target/jit-abi.js';
import type { DescriptorLocation } from './descriptors.js';
import { LiveError } from './errors.js';
import type { ProcessMemory } from './memory.js';

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
  /** Reads of the whole list before giving up on a list that keeps changing. */
  attempts: number;
  /** Entries beyond which the list is taken for a cycle. */
  maxEntries: number;
  /** The largest symfile copied (a garbage symfile_size must not allocate gigabytes). */
  maxSymfile: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = { attempts: 10, maxEntries: 1_000_000, maxSymfile: 1 << 30 };

/**
 * A consistent copy of a descriptor's list, read while the process runs (after simpleperf's
 * JITDebugReader): read the descriptor, walk first_entry copying each entry and symfile, read
 * the descriptor again. A registration or unregistration meanwhile changes first_entry,
 * relevant_entry or action_flag (GDB descriptors have no seqlock): then the copy may be torn,
 * and it is thrown away and read again. A walk that fails is read again too, even when the
 * descriptor did not change: a writer between its stores (the old head's prev_entry already
 * pointing at the new entry, first_entry not yet) shows a list broken only for that moment.
 * A list that fails the same way on every read is broken, and that error is thrown.
 */
export function snapshot(memory: ProcessMemory, at: DescriptorLocation, limits: SnapshotLimits = DEFAULT_LIMITS): LiveDescriptor {
  let failure: LiveError | undefined;
  for (let attempt = 0; attempt < limits.attempts; attempt++) {
    const before = readHead(memory, at.address);
    let entries: LiveEntry[] | undefined;
    failure = undefined;
    try {
      entries = walk(memory, before.firstEntry, limits);
    } catch (e) {
      if (!(e instanceof LiveError)) throw e;
      failure = e;
    }
    const after = readHead(memory, at.address);
    const changed = after.firstEntry !== before.firstEntry || after.relevantEntry !== before.relevantEntry || after.actionFlag !== before.actionFlag;
    if (changed) failure = undefined;
    else if (entries) return { ...at, version: before.version, actionFlag: before.actionFlag, relevantEntry: before.relevantEntry, entries };
  }
  if (failure) throw failure;
  throw new LiveError(`the list of ${DESCRIPTOR} at 0x${at.address.toString(16)} (${at.object}) kept changing: no consistent copy in ${limits.attempts} reads`);
}

function readHead(memory: ProcessMemory, address: number): JitDescriptor {
  const bytes = memory.read(address, DESCRIPTOR_SIZE, DESCRIPTOR);
  return decodeDescriptor(new DataView(bytes.buffer));
}

/** The list from `first`, each back link and symfile checked; a cycle shows as a revisited entry. */
function walk(memory: ProcessMemory, first: number, limits: SnapshotLimits): LiveEntry[] {
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
