// Handcrafted corruptions of real objects: each must throw a FormatError that names what is
// wrong and where (file, section where relevant, byte offset); and `jitdbg elf` on such a
// file prints one line and exits 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '../../../src/binary/errors.js';
import { ElfFile } from '../../../src/elf/read.js';
import { corpusObjects, root, systemFiles } from '../../fixtures/corpus.js';
import { readAll } from './read-all.js';

const FILE = 'bad.o';

interface Corruption {
  what: string;
  /** Object of the corpus to start from, or libc.so.6. */
  from: string;
  patch(bytes: Uint8Array, view: DataView, elf: ElfFile): Uint8Array | void;
  message: RegExp;
  /** The section the error must name, if any. */
  section?: string;
  /** The byte offset the error must carry, when it is known in advance. */
  offset?: (elf: ElfFile) => number;
}

const shdr = (elf: ElfFile, name: string): number => elf.header.e_shoff + elf.section(name)!.index * 64;

const corruptions: Corruption[] = [
  { what: 'truncated identification', from: 'fact.O2', patch: (b) => b.subarray(0, 10), message: /truncated ELF identification/, offset: () => 0 },
  { what: 'truncated header', from: 'fact.O2', patch: (b) => b.subarray(0, 40), message: /ELF header: 64 bytes at 0x0 run past the end \(0x28\)/, offset: () => 0 },
  { what: 'bad magic', from: 'fact.O2', patch: (b) => { b[1] = 0x46; }, message: /not an ELF file/, offset: () => 0 },
  { what: 'wrong class (ELF32)', from: 'fact.O2', patch: (b) => { b[4] = 1; }, message: /ELF32 .* not supported/, offset: () => 4 },
  { what: 'bad class', from: 'fact.O2', patch: (b) => { b[4] = 7; }, message: /bad EI_CLASS 7/, offset: () => 4 },
  { what: 'big-endian', from: 'fact.O2', patch: (b) => { b[5] = 2; }, message: /big-endian/, offset: () => 5 },
  { what: 'bad EI_VERSION', from: 'fact.O2', patch: (b) => { b[6] = 2; }, message: /bad EI_VERSION 2/, offset: () => 6 },
  { what: 'bad e_version', from: 'fact.O2', patch: (_, v) => { v.setUint32(20, 0, true); }, message: /bad e_version 0/, offset: () => 20 },
  { what: 'e_shoff past the end', from: 'fact.O2', patch: (b, v) => { v.setBigUint64(40, BigInt(b.length + 0x1000), true); }, message: /section header 0: 64 bytes at 0x[0-9a-f]+ run past the end/ },
  { what: 'e_shoff beyond 2^53', from: 'fact.O2', patch: (_, v) => { v.setBigUint64(40, 1n << 60n, true); }, message: /e_shoff 0x1000000000000000 is too large/, offset: () => 40 },
  { what: 'absurd e_shnum', from: 'fact.O2', patch: (_, v) => { v.setUint16(60, 0xfeff, true); }, message: /section header table \(65279 entries at 0x[0-9a-f]+\) runs past the end/, offset: () => 40 },
  { what: 'absurd escaped section count', from: 'fact.O2', patch: (_, v, e) => { v.setUint16(60, 0, true); v.setBigUint64(e.header.e_shoff + 32, 1n << 40n, true); }, message: /section header table \(1099511627776 entries/ },
  { what: 'e_shentsize wrong', from: 'fact.O2', patch: (_, v) => { v.setUint16(58, 40, true); }, message: /e_shentsize 40, expected 64/, offset: () => 58 },
  { what: 'section table over the ELF header', from: 'fact.O2', patch: (_, v) => { v.setBigUint64(40, 16n, true); }, message: /overlaps the ELF header/, offset: () => 40 },
  { what: 'e_shstrndx past the table', from: 'fact.O2', patch: (_, v, e) => { v.setUint16(62, e.header.e_shnum + 3, true); }, message: /e_shstrndx \d+ is not a section index/, offset: () => 62 },
  { what: 'e_shstrndx names a non-string table', from: 'fact.O2', patch: (_, v) => { v.setUint16(62, 1, true); }, message: /e_shstrndx names a section of type 0x1, not a string table/ },
  { what: 'sh_name past the name table', from: 'fact.O2', patch: (_, v, e) => { v.setUint32(shdr(e, '.text'), 0xfffff, true); }, message: /section \[1\]: sh_name 0xfffff is past the end of the section name table/, offset: (e) => shdr(e, '.text') },
  { what: 'section offset+size past the end', from: 'fact.O2', patch: (_, v, e) => { v.setBigUint64(shdr(e, '.text') + 32, 0x10000000n, true); }, message: /section \[1\] \.text: sh_offset 0x40 \+ sh_size 0x10000000 runs past the end of the file/, offset: (e) => shdr(e, '.text') },
  { what: 'sh_size beyond 2^53', from: 'fact.O2', patch: (_, v, e) => { v.setBigUint64(shdr(e, '.text') + 32, 1n << 63n, true); }, message: /sh_size 0x8000000000000000 is too large/, offset: (e) => shdr(e, '.text') + 32 },
  { what: 'sh_entsize wrong for a symbol table', from: 'fact.O2', patch: (_, v, e) => { v.setBigUint64(shdr(e, '.symtab') + 56, 16n, true); }, message: /section \[\d+\] \.symtab: sh_entsize 16, expected 24/, offset: (e) => shdr(e, '.symtab') },
  { what: 'symbol table size not a multiple of the entry size', from: 'fact.O2', patch: (_, v, e) => { v.setBigUint64(shdr(e, '.symtab') + 32, BigInt(e.section('.symtab')!.sh_size - 4), true); }, message: /\.symtab: sh_size 0x[0-9a-f]+ is not a multiple of sh_entsize 24/ },
  { what: 'sh_link of a symbol table to a non-string table', from: 'fact.O2', patch: (_, v, e) => { v.setUint32(shdr(e, '.symtab') + 40, 1, true); }, message: /\.symtab: sh_link 1 names \.text, which is not a string table/ },
  { what: 'sh_link of a symbol table past the table', from: 'fact.O2', patch: (_, v, e) => { v.setUint32(shdr(e, '.symtab') + 40, 5000, true); }, message: /\.symtab: sh_link 5000 is not a section index/ },
  { what: 'st_name past the string table', from: 'fact.O2', patch: (_, v, e) => { v.setUint32(e.section('.symtab')!.sh_offset + 24 * 2, 0xffffff, true); }, message: /symbol 2: st_name 0xffffff is past the end of \.strtab/, section: '.symtab', offset: () => 48 },
  { what: 'string table without a final NUL', from: 'fact.O2', patch: (b, _, e) => { const s = e.section('.strtab')!; b[s.sh_offset + s.sh_size - 1] = 0x41; }, message: /is not NUL-terminated/, section: '.strtab' },
  { what: 'SHN_XINDEX without SHT_SYMTAB_SHNDX', from: 'fact.O2', patch: (_, v, e) => { v.setUint16(e.section('.symtab')!.sh_offset + 24 * 2 + 6, 0xffff, true); }, message: /SHN_XINDEX but no SHT_SYMTAB_SHNDX/ },
  { what: 'relocation symbol index past the symbol table', from: 'fact.O2', patch: (_, v, e) => { v.setUint32(e.section('.rela.text')!.sh_offset + 12, 99999, true); }, message: /relocation 0: symbol index 99999 is past the end of the symbol table/, section: '.rela.text', offset: () => 8 },
  { what: 'relocation sh_entsize wrong', from: 'fact.O2', patch: (_, v, e) => { v.setBigUint64(shdr(e, '.rela.text') + 56, 16n, true); }, message: /\.rela\.text: sh_entsize 16, expected 24/ },
  { what: 'relocation sh_link to a non-symbol table', from: 'fact.O2', patch: (_, v, e) => { v.setUint32(shdr(e, '.rela.text') + 40, 1, true); }, message: /\.rela\.text: sh_link 1 is not a symbol table/ },
  { what: 'r_offset beyond 2^53', from: 'fact.O2', patch: (_, v, e) => { v.setBigUint64(e.section('.rela.text')!.sh_offset + 24, 1n << 62n, true); }, message: /relocation 1: r_offset 0x4000000000000000 is too large/, section: '.rela.text', offset: () => 24 },
  { what: 'r_addend beyond 2^53', from: 'fact.O2', patch: (_, v, e) => { v.setBigInt64(e.section('.rela.text')!.sh_offset + 16, -(1n << 60n), true); }, message: /relocation 0: r_addend -1152921504606846976 is out of range/, section: '.rela.text', offset: () => 16 },
  { what: 'group member past the section table', from: 'shapes.O2', patch: (_, v, e) => { v.setUint32(e.sections.find((s) => s.sh_type === 17)!.sh_offset + 4, 4000, true); }, message: /group member 4000 is not a section index/, section: '.group', offset: () => 4 },
  { what: 'note descriptor past the section', from: 'libc.so.6', patch: (_, v, e) => { v.setUint32(e.section('.note.gnu.property')!.sh_offset + 4, 0x1000, true); }, message: /note descriptor: 4096 bytes at 0x10 run past the end/, section: '.note.gnu.property' },
  { what: 'compressed section with a wrong ch_size', from: 'fact.gz', patch: (_, v, e) => { v.setBigUint64(e.section('.debug_info')!.sh_offset + 8, 5n, true); }, message: /cannot decompress|decompressed to/, section: '.debug_info' },
  { what: 'compressed section with an impossible ch_size', from: 'fact.gz', patch: (_, v, e) => { v.setBigUint64(e.section('.debug_info')!.sh_offset + 8, 1n << 40n, true); }, message: /ch_size 0x10000000000 is more than/, section: '.debug_info', offset: () => 8 },
  { what: 'compressed section of an unknown type', from: 'fact.gz', patch: (_, v, e) => { v.setUint32(e.section('.debug_info')!.sh_offset, 9, true); }, message: /unknown compression type ch_type 9/, section: '.debug_info', offset: () => 0 },
  { what: 'compressed data that is not zlib', from: 'fact.gz', patch: (b, _, e) => { b.fill(0x55, e.section('.debug_info')!.sh_offset + 24, e.section('.debug_info')!.sh_offset + 40); }, message: /cannot decompress/, section: '.debug_info', offset: () => 24 },
];

function corrupt(c: Corruption): { bytes: Uint8Array; original: ElfFile } {
  const source = c.from === 'libc.so.6' ? systemFiles().find((f) => f.includes('libc.so'))! : corpusObjects().find((o) => o.name === c.from)!.object;
  const bytes = new Uint8Array(readFileSync(source));
  const original = ElfFile.read(new Uint8Array(bytes));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return { bytes: c.patch(bytes, view, original) ?? bytes, original };
}

for (const c of corruptions) {
  test(`bad input: ${c.what}`, () => {
    const { bytes, original } = corrupt(c);
    assert.throws(() => readAll(bytes, FILE), (e: unknown) => {
      assert.ok(e instanceof FormatError, `a FormatError, not ${String(e)}`);
      assert.match(e.message, c.message);
      assert.equal(e.where.file, FILE);
      assert.equal(typeof e.where.offset, 'number', 'the error carries a byte offset');
      if (c.section !== undefined) assert.equal(e.where.section, c.section);
      if (c.offset !== undefined) assert.equal(e.where.offset, c.offset(original));
      return true;
    });
  });
}

test('jitdbg elf on a corrupt file prints one line on stderr and exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-bad-'));
  try {
    const cli = join(root, 'dist', 'src', 'cli', 'main.js');
    for (const what of ['absurd e_shnum', 'st_name past the string table', 'wrong class (ELF32)', 'relocation symbol index past the symbol table']) {
      const file = join(dir, `${what.replace(/\W+/g, '-')}.o`);
      writeFileSync(file, corrupt(corruptions.find((c) => c.what === what)!).bytes);
      for (const args of [['elf', file], ['elf', '--json', file]]) {
        const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
        assert.equal(r.status, 1, what);
        assert.equal(r.stdout, '', `${what}: nothing on stdout`);
        const lines = r.stderr.split('\n').filter(Boolean);
        assert.equal(lines.length, 1, `${what}: ${r.stderr}`);
        assert.ok(lines[0]!.startsWith(`jitdbg: ${file}: `), lines[0]);
        assert.doesNotMatch(lines[0]!, /internal error/);
      }
    }
    const missing = spawnSync(process.execPath, [cli, 'elf', join(dir, 'missing.o')], { encoding: 'utf8' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^jitdbg: .*missing\.o: no such file\n$/);
    const usage = spawnSync(process.execPath, [cli, 'elf', '--bogus'], { encoding: 'utf8' });
    assert.equal(usage.status, 1);
    assert.match(usage.stderr, /^jitdbg: elf: unknown option '--bogus'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
