import { ByteWriter } from '../binary/writer.js';

const utf8 = new TextEncoder();

/** The SysV ELF hash of a symbol name (gABI, "Hash Table"), over its UTF-8 bytes. */
export function elfHash(name: string): number {
  let h = 0;
  for (const c of utf8.encode(name)) {
    h = ((h << 4) + c) >>> 0;
    const g = h & 0xf0000000;
    if (g !== 0) h ^= g >>> 24;
    h &= ~g;
  }
  return h >>> 0;
}

/** Bucket counts GNU ld chooses from (bfd/elflink.c `elf_buckets`): primes, so chains stay short. */
const BUCKETS = [1, 3, 17, 37, 67, 97, 131, 197, 263, 521, 1031, 2053, 4099, 8209, 16411, 32771];

/**
 * nbucket for a table: the largest prime of the list not above the number of its symbols
 * (the null symbol aside), as GNU ld chooses when not optimizing (bfd `compute_bucket_count`).
 */
function bucketCount(names: readonly string[]): number {
  let best = BUCKETS[0]!;
  for (const n of BUCKETS) if (n <= names.length - 1) best = n;
  return best;
}

/** Size in bytes of the SHT_HASH section for a symbol table whose entry i is named `names[i]`. */
export function hashSectionSize(names: readonly string[]): number {
  return (2 + bucketCount(names) + names.length) * 4;
}

/**
 * The SHT_HASH section for a symbol table whose entry i is named `names[i]` (entry 0 is the
 * null symbol): nbucket, nchain, bucket[nbucket], chain[nchain].
 */
export function hashSection(names: readonly string[]): Uint8Array {
  const nbucket = bucketCount(names);
  const bucket = new Uint32Array(nbucket);
  const chain = new Uint32Array(names.length);
  for (let i = 1; i < names.length; i++) {
    const b = elfHash(names[i]!) % nbucket;
    chain[i] = bucket[b]!;
    bucket[b] = i;
  }
  const w = new ByteWriter(true, hashSectionSize(names));
  w.u32(nbucket).u32(names.length);
  for (const v of bucket) w.u32(v);
  for (const v of chain) w.u32(v);
  return w.finish();
}
