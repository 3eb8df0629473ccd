// `jitdbg elf --json` against GNU readelf -W: every section header, every symbol of every
// symbol table and every REL/RELA relocation of the corpus objects, sqlite3.o, gcc's
// 66,000-section object and the system's node, libc.so.6 and libstdc++.so.6.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { corpusObjects, manySectionsObject, root, sqlite3Object, systemFiles } from '../../fixtures/corpus.js';
import type { Listing } from '../../../src/elf/listing.js';
import { baseName, parseRelocations, parseSections, parseSymbols, readelf, readelf240Type } from './readelf.js';

const cli = join(root, 'dist', 'src', 'cli', 'main.js');

function jsonListing(file: string): Required<Listing> {
  return JSON.parse(execFileSync(process.execPath, [cli, 'elf', '--json', file], { encoding: 'utf8', maxBuffer: 1 << 30 }));
}

/** Row by row, so that a difference names the row instead of dumping two huge arrays. */
function sameRows<A, B>(ours: A[], theirs: B[], what: string, project: (a: A) => B): void {
  for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
    assert.deepEqual(project(ours[i]!), theirs[i], `${what} row ${i}`);
  }
  assert.equal(ours.length, theirs.length, `${what}: number of rows`);
}

/** readelf cuts the name in a "Relocation section '...'" heading to this many characters. */
const READELF_RELOCATION_SECTION_NAME = 256;

function compareWithReadelf(file: string): void {
  const ours = jsonListing(file);
  assert.equal(ours.file, file);

  const sections = parseSections(readelf(['-SW'], file));
  assert.ok(sections.length > 0);
  sameRows(ours.sections, sections, `${file} sections`, (s) => ({
    index: s.index, name: s.name, type: readelf240Type(s.type), addr: s.addr, offset: s.offset, size: s.size,
    entsize: s.entsize, flags: s.flags, link: s.link, info: s.info, addralign: s.addralign,
  }));

  const symbols = parseSymbols(readelf(['-sW'], file));
  sameRows(ours.symbols, symbols, `${file} symbols`, (s) => ({
    table: s.table, index: s.index, value: s.value, size: s.size, type: s.type, bind: s.bind,
    visibility: s.visibility, shndx: String(s.shndx), name: baseName(s.name),
  }));

  const relocations = parseRelocations(readelf(['-rW'], file));
  sameRows(ours.relocations, relocations, `${file} relocations`, (r) => ({
    section: r.section.slice(0, READELF_RELOCATION_SECTION_NAME), offset: r.offset, symbolIndex: r.symbolIndex, type: r.type, symbol: baseName(r.symbol), addend: r.addend,
  }));
}

test('corpus objects: sections, symbols and relocations equal readelf -W', () => {
  const objects = corpusObjects();
  assert.ok(objects.length >= 40, 'the corpus is built');
  for (const o of objects) compareWithReadelf(o.object);
});

test('sqlite3.o equals readelf -W (171k relocations)', () => {
  compareWithReadelf(sqlite3Object().object);
});

test('an object with 66,000 sections (e_shnum 0, SHN_XINDEX) equals readelf -W', () => {
  compareWithReadelf(manySectionsObject());
});

for (const file of systemFiles()) {
  test(`${basename(file)} (system) equals readelf -W`, () => compareWithReadelf(file));
}
