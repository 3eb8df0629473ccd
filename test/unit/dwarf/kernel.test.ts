// The shared reading kernel of the DWARF layer: the initial length, the CFI entry walker, the
// form decoder and list table indexes, each on sections built here byte by byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ByteWriter, FormatError } from '../../../src/binary/index.js';
import { readAranges } from '../../../src/dwarf/aranges.js';
import { readCfi, type CfiSection } from '../../../src/dwarf/cfi.js';
import { Dwarf } from '../../../src/dwarf/dwarf.js';
import * as C from '../../../src/dwarf/forms/consts.js';
import { readListsHeaders } from '../../../src/dwarf/lists.js';
import { readRanges } from '../../../src/dwarf/ranges.js';
import { hex } from '../../../src/dwarf/values.js';
import { moveEhFrame } from '../../../src/debug/eh-frame.js';
import { EM_X86_64, ET_REL, SHF_ALLOC, SHT_PROGBITS } from '../../../src/elf/consts.js';
import { writeElf } from '../../../src/elf/write.js';
import { DWARFDUMP, eachLine, openDwarf } from './reference.js';

function dwarfOf(sections: Record<string, Uint8Array>, littleEndian = true): Dwarf {
  return new Dwarf((name) => sections[name], { littleEndian });
}

/** A unit of 32-bit DWARF: its unit_length, then what `body` writes. */
function unit32(w: ByteWriter, body: (w: ByteWriter) => void): void {
  const at = w.pos;
  w.u32(0);
  body(w);
  const end = w.pos;
  w.seek(at).u32(end - at - 4).seek(end);
}

/** A CFI entry of 64-bit DWARF: 0xffffffff, the 8-byte length, then what `body` writes. */
function entry64(w: ByteWriter, body: (w: ByteWriter) => void): void {
  const at = w.pos;
  w.u32(C.DW_LENGTH_DWARF64).u64(0);
  body(w);
  w.align(8);
  const end = w.pos;
  w.seek(at + 4).u64(end - at - 12).seek(end);
}

const isReserved = (section: string) => (e: unknown): boolean =>
  e instanceof FormatError && /reserved initial length 0xfffffff0/.test(e.message) && e.where.section === section && e.where.offset === 0;

test('a reserved initial length (0xfffffff0..0xfffffffe) is a FormatError in every section reader', () => {
  const reserved = new ByteWriter().u32(0xfffffff0).zeros(32).finish();
  const readers: [string, (d: Dwarf) => unknown][] = [
    ['.debug_info', (d) => d.units()],
    ['.debug_line', (d) => d.allLinePrograms()],
    ['.debug_rnglists', (d) => readListsHeaders(d.sections.reader('.debug_rnglists'))],
    ['.debug_aranges', (d) => readAranges(d)],
    ['.debug_frame', (d) => readCfi(d, '.debug_frame')],
    ['.eh_frame', (d) => readCfi(d, '.eh_frame')],
  ];
  for (const [section, read] of readers) assert.throws(() => read(dwarfOf({ [section]: reserved })), isReserved(section), section);
  assert.throws(() => moveEhFrame(reserved, 0x1000, 0x2000), isReserved('.eh_frame'), 'moveEhFrame');
});

/** An .eh_frame in 64-bit DWARF: a CIE ("zR", pc-relative sdata4 pointers) and two FDEs. */
function ehFrame64(): Uint8Array {
  const w = new ByteWriter();
  entry64(w, (b) => {
    b.u32(0); // CIE_id
    b.u8(1).cstring('zR').uleb128(1).sleb128(-8).u8(16);
    b.uleb128(1).u8(C.DW_EH_PE_pcrel | C.DW_EH_PE_sdata4);
    b.u8(C.DW_CFA_def_cfa).uleb128(7).uleb128(8);
  });
  for (const [begin, size] of [[0x100, 0x20], [0x180, 0x44]] as const) {
    entry64(w, (b) => {
      b.u32(b.pos); // CIE_pointer: back from this field to the CIE at 0
      b.i32(begin - b.pos).u32(size).uleb128(0);
      b.u8(C.DW_CFA_advance_loc | 1).u8(C.DW_CFA_def_cfa_offset).uleb128(16);
    });
  }
  return w.u32(0).finish();
}

/** "offset kind cie pc-range" of each CIE and FDE that llvm-dwarfdump --eh-frame prints. */
async function dwarfdumpEhFrame(file: string): Promise<string[]> {
  const out: string[] = [];
  await eachLine(DWARFDUMP, ['--eh-frame', file], (l) => {
    const m = /^([0-9a-f]{8}) [0-9a-f]+ [0-9a-f]+ (CIE|FDE cie=([0-9a-f]+) pc=([0-9a-f]+)\.\.\.([0-9a-f]+))$/.exec(l);
    if (m) out.push(m[2] === 'CIE' ? `${hex(parseInt(m[1]!, 16))} CIE` : `${hex(parseInt(m[1]!, 16))} FDE ${hex(parseInt(m[3]!, 16))} ${hex(parseInt(m[4]!, 16))}..${hex(parseInt(m[5]!, 16))}`);
  });
  return out;
}

function entries(d: Dwarf, section: CfiSection): string[] {
  return readCfi(d, section).flatMap((e) => (e.kind === 'cie' ? [`${hex(e.offset)} CIE`]
    : e.kind === 'fde' ? [`${hex(e.offset)} FDE ${hex(e.cie.offset)} ${hex(e.pcBegin)}..${hex(e.pcBegin + e.pcRange)}`] : []));
}

test('.eh_frame in 64-bit DWARF: the CIE pointer is 4 bytes, as llvm-dwarfdump reads it', async () => {
  const bytes = ehFrame64();
  const file = join(mkdtempSync(join(tmpdir(), 'jitdbg-eh64-')), 'eh64.o');
  writeFileSync(file, writeElf({
    header: { e_type: ET_REL, e_machine: EM_X86_64 },
    sections: [{ name: '.eh_frame', sh_type: SHT_PROGBITS, sh_flags: SHF_ALLOC, sh_addralign: 8, data: bytes }],
  }));
  const mine = entries(openDwarf(file), '.eh_frame');
  assert.equal(mine.length, 3);
  assert.deepEqual(mine, await dwarfdumpEhFrame(file));
  // Moved elsewhere, the same bytes read at the new address describe the same code.
  const moved = moveEhFrame(bytes, 0x1000, 0x5000);
  const at = (b: Uint8Array, address: number): string[] => entries(new Dwarf((n) => (n === '.eh_frame' ? b : undefined), { addressOf: () => address }), '.eh_frame');
  assert.deepEqual(at(moved, 0x5000), at(bytes, 0x1000));
});

/**
 * A big-endian DWARF 5 unit whose root has DW_AT_str_offsets_base, the string offsets and
 * strings it indexes, and a line program naming its file by DW_FORM_strx3 index 1.
 */
function bigEndianLineTable(): Record<string, Uint8Array> {
  const str = new ByteWriter(false).cstring('dir').cstring('file.c').finish();
  const strOffsets = new ByteWriter(false);
  unit32(strOffsets, (b) => b.u16(5).u16(0).u32(0).u32(4));
  const abbrev = new ByteWriter(false)
    .uleb128(1).uleb128(C.DW_TAG_compile_unit).u8(0)
    .uleb128(C.DW_AT_str_offsets_base).uleb128(C.DW_FORM_sec_offset).uleb128(0).uleb128(0)
    .uleb128(0).finish();
  const info = new ByteWriter(false);
  unit32(info, (b) => b.u16(5).u8(C.DW_UT_compile).u8(8).u32(0).uleb128(1).u32(8));
  const line = new ByteWriter(false);
  unit32(line, (b) => {
    b.u16(5).u8(8).u8(0);
    const headerLengthAt = b.pos;
    b.u32(0);
    b.u8(1).u8(1).u8(1).u8(-5 & 0xff).u8(14).u8(13); // instruction length, ops, is_stmt, line_base, line_range, opcode_base
    b.bytes(new Uint8Array([0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1]));
    b.u8(1).uleb128(C.DW_LNCT_path).uleb128(C.DW_FORM_strx3).uleb128(1).u8(0).u8(0).u8(0); // directories: index 0
    b.u8(1).uleb128(C.DW_LNCT_path).uleb128(C.DW_FORM_strx3).uleb128(1).u8(0).u8(0).u8(1); // files: index 1
    const end = b.pos;
    b.seek(headerLengthAt).u32(end - headerLengthAt - 4).seek(end);
  });
  return { '.debug_str': str, '.debug_str_offsets': strOffsets.finish(), '.debug_abbrev': abbrev, '.debug_info': info.finish(), '.debug_line': line.finish() };
}

test('DW_FORM_strx3 in a big-endian line table header is decoded in that byte order', () => {
  const d = dwarfOf(bigEndianLineTable(), false);
  const p = d.lineProgram(0, d.units()[0]);
  assert.deepEqual(p.includeDirectories, ['dir']);
  assert.deepEqual(p.fileNames.map((f) => f.name), ['file.c']);
});

/** A DWARF 5 unit whose root's DW_AT_ranges is DW_FORM_rnglistx `index`, over a table of one offset. */
function rnglistxUnit(index: number): Record<string, Uint8Array> {
  const abbrev = new ByteWriter()
    .uleb128(1).uleb128(C.DW_TAG_compile_unit).u8(0)
    .uleb128(C.DW_AT_low_pc).uleb128(C.DW_FORM_addr)
    .uleb128(C.DW_AT_rnglists_base).uleb128(C.DW_FORM_sec_offset)
    .uleb128(C.DW_AT_ranges).uleb128(C.DW_FORM_rnglistx).uleb128(0).uleb128(0)
    .uleb128(0).finish();
  const info = new ByteWriter();
  unit32(info, (b) => b.u16(5).u8(C.DW_UT_compile).u8(8).u32(0).uleb128(1).u64(0).u32(12).uleb128(index));
  const rnglists = new ByteWriter();
  // offset_entry_count 1, then 4 bytes that an unchecked index 1 would take for an offset
  // (to a list that reads as [0, 0)), then the list that index 0 selects.
  unit32(rnglists, (b) => b.u16(5).u8(8).u8(0).u32(1).u32(8).u32(4)
    .u8(C.DW_RLE_offset_pair).uleb128(0x10).uleb128(0x20).u8(C.DW_RLE_end_of_list));
  return { '.debug_abbrev': abbrev, '.debug_info': info.finish(), '.debug_rnglists': rnglists.finish() };
}

test('a DW_FORM_rnglistx index past offset_entry_count is a FormatError naming the section and table', () => {
  const ranges = (index: number) => {
    const root = dwarfOf(rnglistxUnit(index)).units()[0]!.root();
    const i = root.find(C.DW_AT_ranges);
    return readRanges(root.unit, root.number(i), root.form(i));
  };
  assert.deepEqual(ranges(0).map((r) => [r.begin, r.end]), [[0x10, 0x20]]);
  assert.throws(() => ranges(1), (e: unknown) => e instanceof FormatError
    && e.where.section === '.debug_rnglists' && e.where.offset === 0 && /DW_FORM_rnglistx index 1 is past offset_entry_count 1/.test(e.message));
});
