// describe.ts against readelf on every value a field can take: real objects with their
// section types and flags, symbol st_info/st_other and relocation types rewritten in place,
// for x86-64 and AArch64 and for the System V and GNU OS/ABIs, then listed by both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElfFile } from '../../../src/elf/read.js';
import { EM_AARCH64, EM_X86_64 } from '../../../src/elf/consts.js';
import { relocationTypeName } from '../../../src/elf/describe.js';
import { renderListing, sectionRows } from '../../../src/elf/listing.js';
import { manySectionsObject, sqlite3Object } from '../../fixtures/corpus.js';
import { parseSections, readelf, readelf240Type } from './readelf.js';

const dir = mkdtempSync(join(tmpdir(), 'jitdbg-describe-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of `source` with e_machine and EI_OSABI set and `patch` applied, written to disk. */
function variant(source: string, machine: number, osabi: number, patch: (bytes: Uint8Array, view: DataView, elf: ElfFile) => void): string {
  const bytes = new Uint8Array(readFileSync(source));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  view.setUint16(18, machine, true);
  bytes[7] = osabi;
  patch(bytes, view, ElfFile.read(bytes));
  const file = join(dir, `m${machine}-o${osabi}-${Math.random().toString(36).slice(2)}.o`);
  writeFileSync(file, bytes);
  return file;
}

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);
const SECTION_TYPES = [
  ...range(0, 24), ...range(0x60000000, 3), 0x6fff4700, ...range(0x6ffffff0, 16), ...range(0x70000000, 20),
  ...range(0x7ffffff0, 16), 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x40000000, 0x5fffffff,
];
const SECTION_FLAGS = [
  ...range(0, 64).map((b) => 1n << BigInt(b)), 0xf0000000n, 0x0ff00000n, 0xfffffffffffff000n, 0x30000000n,
  0x300000n, 0x90000000n, 0x80000e07n, 0x1000000000000003n, 0xffffffffffffffffn,
];

test('section types and flag letters equal readelf -SW on every machine and OS/ABI', () => {
  const source = manySectionsObject();
  for (const machine of [EM_X86_64, EM_AARCH64]) {
    for (const osabi of [0, 3]) {
      const file = variant(source, machine, osabi, (_, view, elf) => {
        const targets = elf.sections.filter((s) => s.name.startsWith('.text.f'));
        SECTION_TYPES.forEach((type, i) => view.setUint32(elf.header.e_shoff + targets[i]!.index * 64 + 4, type, true));
        SECTION_FLAGS.forEach((flags, i) => view.setBigUint64(elf.header.e_shoff + targets[1000 + i]!.index * 64 + 8, flags, true));
      });
      const theirs = parseSections(readelf(['-SW'], file));
      const ours = sectionRows(ElfFile.read(readFileSync(file), file));
      assert.equal(ours.length, theirs.length);
      for (const [i, t] of theirs.entries()) {
        const o = ours[i]!;
        assert.equal(readelf240Type(o.type), t.type, `machine ${machine} osabi ${osabi} section ${i} type`);
        assert.equal(o.flags, t.flags, `machine ${machine} osabi ${osabi} section ${i} flags`);
      }
    }
  }
});

test('symbol types, bindings, visibility and other bits render as readelf -sW prints them', () => {
  const source = manySectionsObject();
  for (const machine of [EM_X86_64, EM_AARCH64]) {
    for (const osabi of [0, 3]) {
      const file = variant(source, machine, osabi, (bytes, _, elf) => {
        const symtab = elf.section('.symtab')!;
        // Every (st_info, st_other) pair once, on symbols that have a name.
        const named = elf.symbols(symtab).filter((s) => s.name.startsWith('f'));
        assert.ok(named.length >= 65536);
        for (let i = 0; i < 65536; i++) {
          const at = symtab.sh_offset + named[i]!.index * 24;
          bytes[at + 4] = i & 0xff;
          bytes[at + 5] = i >> 8;
        }
      });
      const ours = renderListing(ElfFile.read(readFileSync(file), file), new Set(['symbols'])).split('\n');
      const theirs = readelf(['-sW'], file).split('\n');
      assert.equal(ours.length, theirs.length, `machine ${machine} osabi ${osabi}: number of lines`);
      for (const [i, line] of theirs.entries()) assert.equal(ours[i], line, `machine ${machine} osabi ${osabi} line ${i}`);
    }
  }
});

test('relocation type names equal readelf -rW for every type number', () => {
  const source = sqlite3Object().object;
  const newer = new Set(range(43, 9).map((t) => relocationTypeName(t, EM_X86_64)));
  for (const [machine, count] of [[EM_X86_64, 300], [EM_AARCH64, 1100]] as const) {
    const file = variant(source, machine, 0, (_, view, elf) => {
      const rela = elf.section('.rela.text')!;
      assert.ok(rela.sh_size / 24 >= count);
      for (let i = 0; i < count; i++) view.setUint32(rela.sh_offset + i * 24 + 8, i, true);
    });
    const text = readelf(['-rW'], file);
    const rows = text.slice(text.indexOf("'.rela.text'")).split('\n').slice(2, 2 + count);
    let named = 0;
    for (const [type, row] of rows.entries()) {
      const theirs = /^[0-9a-f]{16} {2}[0-9a-f]{16} (unrecognized: [0-9a-f]+|\S+)/.exec(row)?.[1];
      assert.ok(theirs, `row ${type}: ${row}`);
      const ours = relocationTypeName(type, machine);
      // binutils 2.40 predates the APX relocations (R_X86_64_CODE_4_GOTPCRELX and on).
      if (theirs.startsWith('unrecognized') && newer.has(ours)) continue;
      assert.equal(ours, theirs, `machine ${machine} type ${type}`);
      if (!theirs.startsWith('unrecognized')) named++;
    }
    assert.ok(named > (machine === EM_X86_64 ? 40 : 190), `machine ${machine}: ${named} names compared`);
  }
});
