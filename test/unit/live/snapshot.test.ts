import assert from 'node:assert/strict';
import test from 'node:test';
import { LiveError } from '../../../src/live/errors.js';
import { snapshot, type MemoryReader } from '../../../src/live/snapshot.js';
import {
  ACTION_FLAG, CODE_ENTRY_SIZE, FIRST_ENTRY, JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN,
  NEXT_ENTRY, PREV_ENTRY, RELEVANT_ENTRY, SYMFILE_ADDR, SYMFILE_SIZE, VERSION,
} from '../../../src/target/jit-abi.js';

/**
 * A process that registers images 0..n-1 at the head of its list and unregisters them in
 * reverse, forever, as test/integration/live/c-host.c does, one store at a time: each entry
 * and symfile comes back at the same address every round (as malloc hands freed blocks out
 * again), and an unregistered symfile is scribbled over before it is freed. Before each read
 * of the reader the writer runs a few stores (0 to 2), or, one read in five, as if the reader
 * had been preempted, up to 199 stores: several rounds of about 60.
 */
class Writer implements MemoryReader {
  static readonly DESCRIPTOR = 0x1000;
  readonly bytes = new Uint8Array(0x10000);
  private readonly view = new DataView(this.bytes.buffer);
  private readonly steps: Generator<void>;
  private seed: number;

  constructor(readonly images: Uint8Array[], seed: number) {
    this.seed = seed;
    this.view.setUint32(Writer.DESCRIPTOR + VERSION, 1, true);
    this.steps = this.run();
  }

  static entry(i: number): number { return 0x2000 + i * 0x40; }
  static symfile(i: number): number { return 0x4000 + i * 0x1000; }

  read(address: number, size: number, what: string): Uint8Array {
    for (let n = this.random() % 5 === 0 ? this.random() % 200 : this.random() % 3; n > 0; n--) this.steps.next();
    if (address < 0x1000 || address + size > this.bytes.length) throw new LiveError(`unreadable ${what} at 0x${address.toString(16)}`);
    return this.bytes.slice(address, address + size);
  }

  private random(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return this.seed >>> 16;
  }

  private pointer(at: number, value: number): void { this.view.setBigUint64(at, BigInt(value), true); }
  private pointerAt(at: number): number { return Number(this.view.getBigUint64(at, true)); }

  /** Copies in 64-byte stores: a symfile is read half old, half new unless the reader checks. */
  private *fill(at: number, from: Uint8Array | number, size: number): Generator<void> {
    for (let o = 0; o < size; o += 64) {
      if (typeof from === 'number') this.bytes.fill(from, at + o, at + Math.min(size, o + 64));
      else this.bytes.set(from.subarray(o, o + 64), at + o);
      yield;
    }
  }

  private *run(): Generator<void> {
    const d = Writer.DESCRIPTOR;
    for (;;) {
      for (let i = 0; i < this.images.length; i++) {
        const e = Writer.entry(i);
        const image = this.images[i]!;
        yield* this.fill(Writer.symfile(i), image, image.length);
        this.pointer(e + SYMFILE_ADDR, Writer.symfile(i));
        this.pointer(e + SYMFILE_SIZE, image.length);
        this.pointer(e + PREV_ENTRY, 0);
        this.pointer(e + NEXT_ENTRY, this.pointerAt(d + FIRST_ENTRY));
        yield;
        const next = this.pointerAt(e + NEXT_ENTRY);
        if (next) this.pointer(next + PREV_ENTRY, e);
        yield;
        this.pointer(d + FIRST_ENTRY, e);
        yield;
        this.pointer(d + RELEVANT_ENTRY, e);
        this.view.setUint32(d + ACTION_FLAG, JIT_REGISTER_FN, true);
        yield;
        this.view.setUint32(d + ACTION_FLAG, JIT_NOACTION, true);
        yield;
      }
      for (let i = this.images.length - 1; i >= 0; i--) {
        const e = Writer.entry(i);
        const next = this.pointerAt(e + NEXT_ENTRY);
        this.pointer(d + FIRST_ENTRY, next);
        yield;
        if (next) this.pointer(next + PREV_ENTRY, 0);
        yield;
        this.pointer(d + RELEVANT_ENTRY, e);
        this.view.setUint32(d + ACTION_FLAG, JIT_UNREGISTER_FN, true);
        yield;
        this.view.setUint32(d + ACTION_FLAG, JIT_NOACTION, true);
        yield* this.fill(Writer.symfile(i), 0xaa, this.images[i]!.length);
        yield* this.fill(e, 0xaa, CODE_ENTRY_SIZE);
      }
    }
  }
}

test('a list read while it changes, whole rounds of registrations between two reads: whole lists or the retry error, never a torn one', () => {
  const images = [0, 1, 2, 3].map((i) => new Uint8Array(200 + 64 * i).map((_, j) => (i * 31 + j) & 0xff || 1));
  // What the list can be: images 0..k-1, newest first, each intact.
  const states = images.map((_, k) => images.slice(0, k).reverse()).concat([[...images].reverse()]);
  const at = { address: Writer.DESCRIPTOR, object: 'writer' };
  let whole = 0;
  for (let seed = 1; seed <= 3000; seed++) {
    const writer = new Writer(images, seed);
    try {
      const s = snapshot(writer, at, { attempts: 10, maxEntries: 100, maxSymfile: 1 << 20 });
      const state = states.find((st) => st.length === s.entries.length && st.every((im, j) => Buffer.from(s.entries[j]!.image).equals(im)));
      assert.ok(state, `seed ${seed}: a list that never existed: ${s.entries.map((e) => `0x${e.address.toString(16)}`).join(', ')}`);
      assert.equal(s.version, 1);
      whole++;
    } catch (e) {
      if (!(e instanceof LiveError)) throw e;
    }
  }
  assert.ok(whole > 2000, `${whole} whole lists in 3,000 reads`);
});

test('a list broken the same way on every read is reported as broken, not as changing', () => {
  const bytes = new Uint8Array(0x10000);
  const view = new DataView(bytes.buffer);
  const [d, e] = [0x1000, 0x2000];
  // One entry whose next_entry points back at itself, in memory that does not change.
  view.setUint32(d + VERSION, 1, true);
  view.setBigUint64(d + FIRST_ENTRY, BigInt(e), true);
  view.setBigUint64(e + NEXT_ENTRY, BigInt(e), true);
  view.setBigUint64(e + SYMFILE_ADDR, 0x3000n, true);
  view.setBigUint64(e + SYMFILE_SIZE, 16n, true);
  const still: MemoryReader = { read: (address, size) => bytes.slice(address, address + size) };
  assert.throws(() => snapshot(still, { address: d, object: 'still' }), /appears twice: the list has a cycle/);
});

test('a writer caught twice at the same moment (an entry freed, malloc\'s words in its prev_entry) is read again, not reported broken', () => {
  const bytes = new Uint8Array(0x10000);
  const view = new DataView(bytes.buffer);
  const [d, e] = [0x1000, 0x2000];
  view.setUint32(d + VERSION, 1, true);
  view.setBigUint64(d + FIRST_ENTRY, BigInt(e), true);
  view.setBigUint64(e + SYMFILE_ADDR, 0x3000n, true);
  view.setBigUint64(e + SYMFILE_SIZE, 16n, true);
  const torn = Uint8Array.from(bytes);
  new DataView(torn.buffer).setBigUint64(e + PREV_ENTRY, 0x4776c90afb858c00n, true);
  // The first two walks see the freed entry, then the writer has put it back whole.
  let walks = 0;
  const memory: MemoryReader = {
    read: (address, size) => {
      if (address === d) walks++;
      return (walks <= 2 ? torn : bytes).slice(address, address + size);
    },
  };
  const s = snapshot(memory, { address: d, object: 'writer' });
  assert.deepEqual(s.entries.map((x) => x.address), [e]);
});
