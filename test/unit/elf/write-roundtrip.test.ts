// read → describe → write → read over the corpus and sqlite3.o: every section, symbol,
// relocation and group comes back equal, and readelf finds nothing wrong with the copy and
// prints the same tables for it as for the original.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusObjects, sqlite3Object, type CorpusObject } from '../../fixtures/corpus.js';
import { ElfFile } from '../../../src/elf/read.js';
import { SHT_GROUP, SHT_STRTAB } from '../../../src/elf/consts.js';
import type { ElfSection } from '../../../src/elf/types.js';
import { descriptionOf } from '../../../src/elf/write-copy.js';
import { writeElf, type ElfDescription } from '../../../src/elf/write.js';
import { readelfComplaints, run, save, scratch } from './write-tools.js';

const dir = scratch('write-roundtrip');

/** Header fields of a section that a copy keeps (its offset is the writer's to choose). */
function fields(s: ElfSection, withName = true) {
  const { sh_type, sh_flags, sh_addr, sh_size, sh_link, sh_info, sh_addralign, sh_entsize } = s;
  return { ...(withName ? { index: s.index, name: s.name } : {}), sh_type, sh_flags, sh_addr, sh_size, sh_link, sh_info, sh_addralign, sh_entsize };
}

/** readelf's view of the symbols, relocations and groups, with file offsets taken out. */
function readelfTables(path: string): string {
  return run('readelf', ['-s', '-r', '-g', '-W', path]).replace(/at offset 0x[0-9a-f]+/g, 'at offset _');
}

function roundTrip(object: CorpusObject, edit: (d: ElfDescription) => void = () => {}) {
  const original = ElfFile.read(readFileSync(object.object), object.object);
  const description = descriptionOf(original);
  edit(description);
  const bytes = writeElf(description);
  const copy = ElfFile.read(bytes, `${object.name} (copy)`);
  return { original, copy, path: save(dir, `${object.name}.copy.o`, bytes) };
}

function assertSameTables(original: ElfFile, copy: ElfFile, sameNames: boolean): void {
  for (const table of original.symbolTables) {
    const strip = (syms: ReturnType<ElfFile['symbols']>) => (sameNames ? syms : syms.map(({ st_name: _, ...rest }) => rest));
    assert.deepEqual(strip(copy.symbols(copy.sections[table.index]!)), strip(original.symbols(table)), `symbols of ${table.name}`);
  }
  for (const s of original.relocationSections) {
    assert.deepEqual(copy.relocations(copy.sections[s.index]!), original.relocations(s), `relocations of ${s.name}`);
  }
  for (const s of original.sections.filter((x) => x.sh_type === SHT_GROUP)) {
    assert.deepEqual(copy.group(copy.sections[s.index]!), original.group(s), `group ${s.name}`);
  }
}

const objects = [...corpusObjects(), sqlite3Object()];

for (const object of objects) {
  test(`${object.name}: the copy has the same sections, bytes, symbols, relocations and groups`, () => {
    const { original, copy, path } = roundTrip(object);
    assert.equal(copy.header.e_type, original.header.e_type);
    assert.equal(copy.header.e_machine, original.header.e_machine);
    assert.equal(copy.header.e_flags, original.header.e_flags);
    assert.equal(copy.header.e_shstrndx, original.header.e_shstrndx);
    assert.equal(copy.sections.length, original.sections.length);
    for (const s of original.sections) {
      const c = copy.sections[s.index]!;
      assert.deepEqual(fields(c), fields(s), `section [${s.index}] ${s.name}`);
      assert.ok(Buffer.from(copy.sectionData(c)).equals(original.sectionData(s)), `contents of [${s.index}] ${s.name}`);
    }
    assertSameTables(original, copy, true);
    assert.deepEqual(readelfComplaints(path), []);
    assert.equal(readelfTables(path), readelfTables(object.object));
  });
}

for (const object of objects) {
  test(`${object.name}: with string tables built afresh, names, symbols and relocations are the same`, () => {
    const { original, copy, path } = roundTrip(object, (d) => {
      for (const s of d.sections) if (s.kind === 'strtab') delete s.strings;
    });
    assert.equal(copy.sections.length, original.sections.length);
    for (const s of original.sections) {
      const c = copy.sections[s.index]!;
      if (s.sh_type === SHT_STRTAB) {
        // Tails are shared, so the table is never larger than the compiler's.
        assert.ok(c.sh_size <= s.sh_size, `${s.name}: 0x${c.sh_size.toString(16)} > 0x${s.sh_size.toString(16)}`);
        continue;
      }
      assert.deepEqual(fields(c), fields(s), `section [${s.index}] ${s.name}`);
      if (!/^\.(symtab|dynsym)$/.test(s.name)) assert.ok(Buffer.from(copy.sectionData(c)).equals(original.sectionData(s)), `contents of ${s.name}`);
    }
    assertSameTables(original, copy, false);
    assert.deepEqual(readelfComplaints(path), []);
    assert.equal(readelfTables(path), readelfTables(object.object));
  });
}
