/**
 * A file's bytes through mmap instead of a copy: an inspector that opens a 100 MB executable
 * touches only the pages it shows (the symbol table, a function's code), and only those become
 * resident. The mapping lasts as long as the process. As with any mapped file (GDB and LLDB
 * map theirs too), a file truncated in place while mapped faults on access; compilers and
 * linkers write a new file and rename or unlink first, so rebuilding it is safe.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { mapFile, memoryView } from './libc.js';

export function readMapped(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    // mmap cannot map nothing, and a device or pipe has no pages to map.
    if (stat.size === 0 || !stat.isFile()) return readFileSync(fd);
    return memoryView(mapFile(fd, stat.size), stat.size);
  } finally {
    closeSync(fd);
  }
}
