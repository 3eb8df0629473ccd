// ElfFile on the parts the listing does not show, each against a tool: the header escapes
// (readelf -h), SHF_COMPRESSED (objcopy --decompress-debug-sections), COMDAT groups
// (readelf -g), notes (readelf -n), the dynamic table (readelf -d); and that reading is lazy
// and copies nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as zlib from 'node:zlib';
import { join } from 'node:path';
import { FormatError } from '../../../src/binary/errors.js';
import { ElfFile } from '../../../src/elf/read.js';
import {
  DT_NEEDED, DT_SONAME, GRP_COMDAT, SHF_ALLOC, NT_GNU_BUILD_ID, PN_XNUM, PT_NOTE, SHF_COMPRESSED, SHN_XINDEX, SHT_GROUP, SHT_NOTE,
} from '../../../src/elf/consts.js';
import { corpusObjects, manySectionsObject, systemFiles } from '../../fixtures/corpus.js';
import { readAll } from './read-all.js';
import { readelf } from './readelf.js';

const dir = mkdtempSync(join(tmpdir(), 'jitdbg-read-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const open = (file: string): ElfFile => ElfFile.read(readFileSync(file), file);
const libc = (): string => systemFiles().find((f) => f.includes('libc.so'))!;
const hexBytes = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('section count and name-table index beyond 0xff00 come from section 0 (gcc, 66,000 sections)', () => {
  const file = manySectionsObject();
  const elf = open(file);
  const raw = new DataView(elf.bytes.buffer, elf.bytes.byteOffset);
  assert.equal(raw.getUint16(60, true), 0, 'e_shnum is escaped');
  assert.equal(raw.getUint16(62, true), SHN_XINDEX, 'e_shstrndx is escaped');
  const h = readelf(['-hW'], file);
  assert.equal(elf.header.e_shnum, Number(/Number of section headers: +0 \((\d+)\)/.exec(h)![1]));
  assert.equal(elf.header.e_shstrndx, Number(/string table index: +65535 \((\d+)\)/.exec(h)![1]));
  assert.equal(elf.sections.length, elf.header.e_shnum);
  assert.equal(elf.sections[elf.header.e_shstrndx]!.name, '.shstrtab');
  const symbols = elf.symbols(elf.section('.symtab')!);
  const extended = symbols.filter((s) => s.xindex);
  assert.ok(extended.length > 1000, 'symbols take their section index from SHT_SYMTAB_SHNDX');
  // Each function fN is defined in its own section .text.fN.
  for (const s of extended.filter((x) => x.name.startsWith('f'))) assert.equal(elf.sections[s.st_shndx]!.name, `.text.${s.name}`);
});

test('e_phnum PN_XNUM takes the count from section 0 sh_info', () => {
  const bytes = new Uint8Array(readFileSync(libc()));
  const plain = ElfFile.read(bytes);
  const patched = new Uint8Array(bytes);
  const view = new DataView(patched.buffer);
  view.setUint16(56, PN_XNUM, true);
  view.setUint32(plain.header.e_shoff + 44, plain.header.e_phnum, true);
  const escaped = ElfFile.read(patched);
  assert.equal(escaped.header.e_phnum, plain.header.e_phnum);
  assert.deepEqual(escaped.segments, plain.segments);
});

test('SHF_COMPRESSED sections decompress to what objcopy --decompress-debug-sections writes', () => {
  const compressed = corpusObjects().filter((o) => o.variant === 'gz');
  assert.ok(compressed.length >= 3);
  for (const o of compressed) {
    const out = join(dir, `${o.name}.plain.o`);
    execFileSync('objcopy', ['--decompress-debug-sections', o.object, out]);
    const elf = open(o.object);
    const plain = open(out);
    const sections = elf.sections.filter((s) => (s.sh_flags & BigInt(SHF_COMPRESSED)) !== 0n);
    assert.ok(sections.length >= 3, `${o.name} has compressed sections`);
    for (const s of sections) {
      const expected = plain.sectionData(plain.section(s.name)!);
      // Not always smaller: clang compresses a few bytes of .debug_line_str into more.
      assert.ok(!Buffer.from(elf.sectionData(s)).equals(expected), `${s.name} was compressed`);
      assert.deepEqual(new Uint8Array(elf.sectionContents(s)), new Uint8Array(expected), `${o.name} ${s.name}`);
      assert.equal(elf.sectionContents(s), elf.sectionContents(s), 'decompressed once');
    }
  }
});

test('zstd-compressed sections decompress, or say that this Node has no zstd', () => {
  const source = corpusObjects().find((o) => o.name === 'fact.O2')!.object;
  const out = join(dir, 'fact.zstd.o');
  execFileSync('objcopy', ['--compress-debug-sections=zstd', source, out]);
  const elf = open(out);
  const plain = open(source);
  const info = elf.section('.debug_info')!;
  assert.ok((info.sh_flags & BigInt(SHF_COMPRESSED)) !== 0n);
  const hasZstd = typeof (zlib as Record<string, unknown>).zstdDecompressSync === 'function';
  if (hasZstd) assert.deepEqual(new Uint8Array(elf.sectionContents(info)), new Uint8Array(plain.sectionData(plain.section('.debug_info')!)));
  else assert.throws(() => elf.sectionContents(info), (e: unknown) => e instanceof FormatError && /zstd/.test(e.message) && e.where.section === '.debug_info' && e.where.file === out);
});

test('COMDAT groups equal readelf -g', () => {
  let withGroups = 0;
  for (const o of corpusObjects().filter((x) => x.lang === 'c++')) {
    const elf = open(o.object);
    const text = readelf(['-gW'], o.object);
    const theirs = [...text.matchAll(/^COMDAT group section \[ *(\d+)\] `(.*?)' \[(.*?)\] contains \d+ sections?:\n {3}\[Index\] +Name\n((?: {3}\[ *\d+\] +\S+\n)*)/gm)]
      .map((m) => ({ index: Number(m[1]), signature: m[3], members: [...m[4]!.matchAll(/\[ *(\d+)\]/g)].map((x) => Number(x[1])) }));
    const groups = elf.sections.filter((s) => s.sh_type === SHT_GROUP);
    // At -O2 a source may leave no inline code out of line (twice_a.cc): none, as readelf says.
    if (groups.length === 0) {
      assert.deepEqual(theirs, [], o.name);
      continue;
    }
    withGroups++;
    const symtab = elf.section('.symtab')!;
    const ours = groups.map((s) => {
      const g = elf.group(s);
      assert.equal(g.flags, GRP_COMDAT);
      return { index: s.index, signature: elf.symbols(elf.sections[s.sh_link]!)[s.sh_info]!.name, members: g.members };
    });
    assert.equal(symtab.index, groups[0]!.sh_link);
    assert.deepEqual(ours, theirs, o.name);
  }
  assert.ok(withGroups >= 40, `${withGroups} objects have groups`);
});

test('notes of sections and PT_NOTE segments equal readelf -n', () => {
  for (const file of systemFiles()) {
    const elf = open(file);
    const text = readelf(['-nW'], file);
    const theirs = [...text.matchAll(/^ {2}(.+?) +0x([0-9a-f]{8})\t(\S+)/gm)].map((m) => ({ name: m[1], size: parseInt(m[2]!, 16), type: m[3] }));
    const noteSections = elf.sections.filter((s) => s.sh_type === SHT_NOTE);
    const ours = noteSections.flatMap((s) => elf.notes(s));
    assert.ok(ours.length >= 2, `${file} has notes`);
    // readelf decodes the owner names of annobin's build-attribute notes ("GA$<version>3p1113").
    const shown = (name: string, theirName: string | undefined): string | undefined => (name.startsWith('GA') ? theirName : name);
    assert.deepEqual(ours.map((n, i) => ({ name: shown(n.name, theirs[i]?.name), size: n.desc.length })), theirs.map(({ name, size }) => ({ name, size })), file);
    const buildId = ours.find((n) => n.name === 'GNU' && n.type === NT_GNU_BUILD_ID)!;
    assert.equal(hexBytes(buildId.desc), /Build ID: ([0-9a-f]+)/.exec(text)![1]);
    // The notes of the loaded sections, reached through the program headers.
    const viaSegments = elf.segments.filter((p) => p.p_type === PT_NOTE).flatMap((p) => elf.notes(p));
    const loaded = noteSections.filter((s) => (s.sh_flags & BigInt(SHF_ALLOC)) !== 0n).flatMap((s) => elf.notes(s));
    const key = (n: { name: string; type: number; desc: Uint8Array }): string => `${n.name}/${n.type}/${hexBytes(n.desc)}`;
    assert.ok(loaded.length >= 1);
    assert.deepEqual(new Set(viaSegments.map(key)), new Set(loaded.map(key)));
  }
});

test('the dynamic table of libc.so.6 equals readelf -d', () => {
  const file = libc();
  const elf = open(file);
  const text = readelf(['-dW'], file);
  const rows = [...text.matchAll(/^ 0x([0-9a-f]{16}) \((\S+)\) +(.*)$/gm)];
  const dynamic = elf.dynamic();
  assert.ok(dynamic.length > 10);
  // readelf lists the DT_NULL that ends the table; dynamic() stops before it.
  assert.equal(rows.at(-1)![2], 'NULL');
  assert.deepEqual(dynamic.map((d) => d.d_tag), rows.slice(0, -1).map((m) => BigInt(`0x${m[1]}`)));
  const dynstr = elf.sectionData(elf.section('.dynstr')!);
  const string = (offset: bigint): string => Buffer.from(dynstr).toString('latin1', Number(offset), dynstr.indexOf(0, Number(offset)));
  for (const [i, d] of dynamic.entries()) {
    const value = rows[i]![3]!;
    if (d.d_tag === BigInt(DT_NEEDED) || d.d_tag === BigInt(DT_SONAME)) assert.equal(`[${string(d.d_val)}]`, /\[.*\]$/.exec(value)![0]);
    else if (/^0x[0-9a-f]+$/.test(value)) assert.equal(d.d_val, BigInt(value), rows[i]![0]);
    else if (/^\d+ \(bytes\)$/.test(value)) assert.equal(d.d_val, BigInt(value.split(' ')[0]!), rows[i]![0]);
  }
});

test('read decodes nothing until asked and copies nothing', () => {
  const file = corpusObjects()[0]!.object;
  const bytes = readFileSync(file);
  const elf = ElfFile.read(bytes, file);
  assert.equal((elf as unknown as { sectionList?: unknown }).sectionList, undefined, 'section headers not decoded yet');
  const text = elf.section('.text')!;
  const data = elf.sectionData(text);
  assert.equal(data.buffer, bytes.buffer, 'section data is a view of the caller\'s bytes');
  assert.equal(data.byteOffset, bytes.byteOffset + text.sh_offset);
  assert.equal(elf.sections, elf.sections);
  const symtab = elf.section('.symtab')!;
  assert.equal(elf.symbols(symtab), elf.symbols(symtab), 'symbols decoded once');
  const rela = elf.relocationSections[0]!;
  assert.equal(elf.relocations(rela), elf.relocations(rela), 'relocations decoded once');
  // A 100 MB buffer with a header that declares no tables: read() looks at 64 bytes.
  const big = new Uint8Array(100 * 1024 * 1024);
  big.set(bytes.subarray(0, 64));
  new DataView(big.buffer).setBigUint64(40, 0n, true);
  const empty = ElfFile.read(big);
  assert.equal(empty.bytes, big);
  assert.deepEqual(empty.sections, []);
});

test('the dynamic table from PT_DYNAMIC when there are no section headers, and none in a debug file', () => {
  const bytes = new Uint8Array(readFileSync(libc()));
  const withSections = ElfFile.read(bytes).dynamic();
  const headless = new Uint8Array(bytes);
  new DataView(headless.buffer).setBigUint64(40, 0n, true);
  const elf = ElfFile.read(headless);
  assert.deepEqual(elf.sections, []);
  assert.deepEqual(elf.dynamic(), withSections);
  // objcopy --only-keep-debug makes .dynamic SHT_NOBITS; PT_DYNAMIC then points at other bytes.
  const debug = join(dir, 'libc.debug');
  execFileSync('objcopy', ['--only-keep-debug', libc(), debug]);
  assert.deepEqual(readAll(readFileSync(debug), debug).dynamic(), []);
});
