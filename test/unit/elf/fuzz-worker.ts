// The ELF reader's fuzz loop, run in a worker so that the test can stop it if a read hangs.
// Seeded mutations of real objects: bit flips, bytes and fields overwritten with 0, 0xff and
// boundary values, truncation, and mutations aimed at header, section header, symbol,
// relocation and compression header fields. Each input is read completely; any exception
// other than FormatError is a bug, reported with the input saved to disk.
import { parentPort, workerData } from 'node:worker_threads';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormatError } from '../../../src/binary/errors.js';
import { ElfFile } from '../../../src/elf/read.js';
import { readAll } from './read-all.js';

/** Runs at least `min` inputs, then goes on until `max` inputs or `budgetMs`, whichever comes first. */
export interface FuzzJob { seed: number; min: number; max: number; budgetMs: number; files: string[]; failures: string }
export type FuzzMessage =
  | { kind: 'progress'; done: number }
  | { kind: 'failure'; index: number; source: string; error: string; saved: string }
  | { kind: 'done'; done: number; rejected: number };

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOUNDARY = [0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, 0x100n, 0x7fffn, 0xffffn, 0x10000n, 0x7fffffffn, 0xffffffffn,
  0x100000000n, (1n << 53n) - 1n, 1n << 53n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n];

interface Source { name: string; bytes: Uint8Array; elf: ElfFile }

/** Offsets of fields worth aiming at in `elf`: [offset, size in bytes]. */
function fields(elf: ElfFile): [number, number][] {
  const out: [number, number][] = [[16, 2], [18, 2], [24, 8], [32, 8], [40, 8], [52, 2], [54, 2], [56, 2], [58, 2], [60, 2], [62, 2]];
  const shdrSizes = [4, 4, 8, 8, 8, 8, 4, 4, 8, 8];
  for (const s of elf.sections) {
    let o = elf.header.e_shoff + s.index * 64;
    for (const size of shdrSizes) { out.push([o, size]); o += size; }
    const data = s.sh_offset;
    if (s.sh_type === 2 || s.sh_type === 11) for (let i = 0; i < Math.min(8, s.sh_size / 24); i++) out.push([data + i * 24, 4], [data + i * 24 + 6, 2]);
    if (s.sh_type === 4 || s.sh_type === 9) for (let i = 0; i < 4; i++) out.push([data + i * s.sh_entsize + 8, 8]);
    if ((s.sh_flags & 0x800n) !== 0n) out.push([data, 4], [data + 8, 8]);
    if (s.sh_type === 7 || s.sh_type === 17) out.push([data, 4], [data + 4, 4]);
  }
  for (const p of elf.segments) for (let f = 0; f < 56; f += 8) out.push([elf.header.e_phoff + p.index * 56 + f, f === 0 ? 4 : 8]);
  return out.filter(([o, n]) => o + n <= elf.bytes.length);
}

function run(job: FuzzJob): void {
  const random = prng(job.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const sources: Source[] = job.files.map((f) => {
    const bytes = new Uint8Array(readFileSync(f));
    return { name: f, bytes, elf: ElfFile.read(new Uint8Array(bytes)) };
  });
  const targets = new Map(sources.map((s) => [s, fields(s.elf)]));
  let rejected = 0;
  const deadline = Date.now() + job.budgetMs;
  let index = 0;
  for (; index < job.max && (index < job.min || Date.now() < deadline); index++) {
    const source = pick(sources);
    const work = source.bytes;
    const view = new DataView(work.buffer, work.byteOffset, work.length);
    const undo: [number, Uint8Array][] = [];
    const save = (o: number, n: number): void => { undo.push([o, work.slice(o, o + n)]); };
    const setField = (o: number, n: number, v: bigint): void => {
      save(o, n);
      for (let i = 0; i < n; i++) view.setUint8(o + i, Number((v >> BigInt(8 * i)) & 0xffn));
    };
    let length = work.length;
    const mutations = 1 + Math.floor(random() * 4);
    for (let m = 0; m < mutations; m++) {
      const kind = random();
      if (kind < 0.2) {
        const o = Math.floor(random() * work.length);
        save(o, 1);
        work[o]! ^= 1 << Math.floor(random() * 8);
      } else if (kind < 0.35) {
        const o = Math.floor(random() * work.length);
        save(o, 1);
        work[o] = pick([0, 0xff, 0x7f, 0x80, Math.floor(random() * 256)]);
      } else if (kind < 0.45) {
        const n = pick([2, 4, 8]);
        const o = Math.floor(random() * (work.length - n) / n) * n;
        setField(o, n, pick(BOUNDARY));
      } else if (kind < 0.9) {
        const [o, n] = pick(targets.get(source)!);
        const old = [...work.subarray(o, o + n)].reduceRight((v, b) => (v << 8n) | BigInt(b), 0n);
        const value = pick([pick(BOUNDARY), old + 1n, old - 1n, old * 2n, BigInt(work.length), BigInt(Math.floor(random() * work.length)), old ^ (1n << BigInt(Math.floor(random() * 8 * n)))]);
        setField(o, n, BigInt.asUintN(8 * n, value));
      } else {
        length = Math.floor(random() * length);
      }
    }
    try {
      readAll(work.subarray(0, length), `fuzz-${index}`);
    } catch (e) {
      if (e instanceof FormatError) rejected++;
      else {
        mkdirSync(job.failures, { recursive: true });
        const saved = join(job.failures, `seed${job.seed}-input${index}.o`);
        writeFileSync(saved, work.subarray(0, length));
        parentPort!.postMessage({ kind: 'failure', index, source: source.name, error: e instanceof Error ? e.stack ?? e.message : String(e), saved } satisfies FuzzMessage);
      }
    }
    for (let u = undo.length - 1; u >= 0; u--) work.set(undo[u]![1], undo[u]![0]);
    if (index % 200 === 199) parentPort!.postMessage({ kind: 'progress', done: index + 1 } satisfies FuzzMessage);
  }
  parentPort!.postMessage({ kind: 'done', done: index, rejected } satisfies FuzzMessage);
}

if (parentPort) run(workerData as FuzzJob);
