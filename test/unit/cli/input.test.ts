// `jitdbg elf` loads only the tables a listing reads (readElfTables): each part's text, or the
// error it stops at, must equal that of the whole file read, on real files and on seeded
// mutations of them aimed at the headers the loader itself follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readForListing } from '../../../src/cli/elf.js';
import { LISTING_PARTS, renderListing } from '../../../src/elf/listing.js';
import { ElfFile } from '../../../src/elf/read.js';
import { corpusObjects } from '../../fixtures/corpus.js';

const INPUTS = 150;

function text(read: () => ElfFile, parts: Set<(typeof LISTING_PARTS)[number]>): string {
  try {
    return renderListing(read(), parts);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

test(`each part of a partly loaded file equals the whole file's, on real and ${INPUTS} mutated files`, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-input-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const object = corpusObjects().find((o) => o.name === 'fact.O2')!.object;
  const sources = [object, object.replace(/\.o$/, '.exe')].map((f) => readFileSync(f));
  let seed = 1;
  const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let i = 0; i <= INPUTS; i++) {
    const bytes = Buffer.from(sources[i % 2]!);
    // Input 0 and 1 are unchanged; the rest have bytes overwritten, half of them in the file
    // header or the section header table, which decide what is loaded.
    for (let m = i < 2 ? 0 : 1 + random(4); m > 0; m--) {
      const at = random(2) ? random(64) : bytes.readUInt32LE(40) + random(bytes.length - bytes.readUInt32LE(40));
      if (at < bytes.length) bytes[at] = random(256);
    }
    const file = join(dir, `input${i}`);
    writeFileSync(file, bytes);
    for (const part of LISTING_PARTS) {
      const parts = new Set([part]);
      assert.equal(text(() => readForListing(file, parts), parts), text(() => ElfFile.read(bytes, file), parts), `input ${i} (seed-derived), --${part}`);
    }
  }
});
