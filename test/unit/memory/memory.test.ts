// Native memory against the kernel's own account (/proc/self/maps); buffer memory's layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BufferMemoryManager, PlacementError, type SegmentRequest } from '../../../src/memory/index.js';
import { NativeMemoryManager } from '../../../src/native/memory.js';

/** The permissions of every mapping of this process that overlaps [start, end). */
function mappings(start: number, end: number): string[] {
  const out: string[] = [];
  for (const line of readFileSync('/proc/self/maps', 'utf8').trim().split('\n')) {
    const [range, perms] = line.split(' ');
    const [lo, hi] = range!.split('-').map((h) => parseInt(h, 16));
    if (lo! < end && hi! > start) out.push(`${lo!.toString(16)} ${perms}`);
  }
  return out;
}

const requests: SegmentRequest[] = [
  { kind: 'code', size: 100, align: 16 },
  { kind: 'rodata', size: 5000, align: 8 },
  { kind: 'data', size: 8, align: 8 },
  { kind: 'zero', size: 3, align: 1 },
];

test('native segments are page-aligned, close, writable but never executable until finalize, then W^X', () => {
  const a = new NativeMemoryManager().allocate(requests);
  const [code, rodata, data, zero] = a.segments;
  assert.equal(code!.address % 4096, 0);
  assert.deepEqual(a.segments.map((s) => s.address - a.start), [0, 4096, 3 * 4096, 4 * 4096]);
  assert.ok(mappings(a.start, a.end).every((m) => m.endsWith('rw-p')), mappings(a.start, a.end).join());
  code!.bytes.set([0xc3]);
  assert.equal(zero!.bytes[2], 0);
  a.finalize();
  assert.deepEqual(mappings(a.start, a.end).map((m) => m.split(' ')[1]), ['r-xp', 'r--p', 'rw-p']);
  assert.equal(mappings(code!.address, code!.address + 1)[0]!.split(' ')[1], 'r-xp');
  assert.equal(mappings(rodata!.address, rodata!.address + rodata!.size).length, 1);
  assert.equal(mappings(data!.address, data!.address + 1)[0]!.split(' ')[1], 'rw-p');
  a.release();
  a.release(); // idempotent
  assert.deepEqual(mappings(a.start, a.end), []);
});

test('native placement: low memory on request, a PlacementError when impossible', () => {
  const m = new NativeMemoryManager();
  const low = m.allocate(requests, { min: 0, max: 2 ** 31 });
  assert.ok(low.end <= 2 ** 31);
  low.release();
  assert.throws(() => m.allocate(requests, { min: 0x10000, max: 0x11000 }), PlacementError);
});

test('buffer memory lays allocations out from its base and honours placement', () => {
  const m = new BufferMemoryManager(0x400000);
  const a = m.allocate(requests);
  assert.deepEqual(a.segments.map((s) => s.address), [0x400000, 0x401000, 0x403000, 0x404000]);
  assert.equal(a.segments[1]!.bytes.length, 5000);
  const b = m.allocate(requests);
  assert.equal(b.start, a.end);
  assert.throws(() => new BufferMemoryManager(2 ** 40).allocate(requests, { min: 0, max: 2 ** 31 }), PlacementError);
});
