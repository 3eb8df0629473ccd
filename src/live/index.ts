/**
 * Reading another process's registrations with GDB's JIT interface, the way an attaching GDB
 * would find them, but without stopping or writing the process.
 */
import { DESCRIPTOR } from '../target/jit-abi.js';
import { findDescriptors, type DescriptorLocation } from './descriptors.js';
import { LiveError } from './errors.js';
import { readMaps, type Mapping } from './maps.js';
import { ProcessMemory } from './memory.js';
import { DEFAULT_LIMITS, snapshot, type LiveDescriptor, type SnapshotLimits } from './snapshot.js';

export { LiveError } from './errors.js';
export type { LiveDescriptor, LiveEntry, SnapshotLimits } from './snapshot.js';

/** A descriptor whose list could not be read: a broken link, a cycle, unreadable memory, a list that kept changing. */
export interface BrokenDescriptor extends DescriptorLocation {
  error: LiveError;
}

export interface Registrations {
  pid: number;
  /** /proc/PID/maps when the descriptors were found. */
  maps: Mapping[];
  descriptors: (LiveDescriptor | BrokenDescriptor)[];
}

/** Every descriptor of process `pid`, each with a consistent copy of its list or why there is none; LiveError when the process has none. */
export function readRegistrations(pid: number, limits: SnapshotLimits = DEFAULT_LIMITS): Registrations {
  const memory = ProcessMemory.open(pid);
  try {
    const maps = readMaps(pid);
    const found = findDescriptors(maps);
    if (found.length === 0) throw new LiveError(`process ${pid} has no ${DESCRIPTOR}: no mapped object defines one`);
    return { pid, maps, descriptors: found.map((d) => attempt(() => snapshot(memory, d, limits), d)) };
  } finally {
    memory.close();
  }
}

function attempt(read: () => LiveDescriptor, at: DescriptorLocation): LiveDescriptor | BrokenDescriptor {
  try {
    return read();
  } catch (e) {
    if (e instanceof LiveError) return { ...at, error: e };
    throw e;
  }
}

/** The lists, or the first descriptor's error: for readers that need every list whole. */
export function readLists(pid: number, limits: SnapshotLimits = DEFAULT_LIMITS): LiveDescriptor[] {
  return readRegistrations(pid, limits).descriptors.map((d) => {
    if ('error' in d) throw d.error;
    return d;
  });
}
