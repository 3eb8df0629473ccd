import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusObjects, sqlite3Object } from '../../fixtures/corpus.js';
import { decodeCfa, readCfi, type CfiSection } from '../../../src/dwarf/cfi.js';
import { hex } from '../../../src/dwarf/values.js';
import { cfaKey, openDwarf, readelfFrames, type RefFrame } from './reference.js';

/** Every CIE and FDE: offsets, CIE links, pc ranges and instructions, against readelf. */
async function compareFrames(file: string, section: CfiSection): Promise<number> {
  const ref = await readelfFrames(file, section);
  const dwarf = openDwarf(file);
  const mine: RefFrame[] = readCfi(dwarf, section).map((e) => {
    if (e.kind === 'terminator') return { offset: e.offset, kind: 'ZERO', instructions: [] };
    const cie = e.kind === 'cie' ? e : e.cie;
    const instructions = decodeCfa(dwarf, section, e.instructions, e.instructionsOffset, cie, e.kind === 'fde' ? e.pcBegin : 0)
      .map((i) => cfaKey(i.name, {
        location: i.location === undefined ? undefined : hex(i.location),
        registers: [i.register, i.register2].filter((r): r is number => r !== undefined),
        value: i.value,
      }));
    return e.kind === 'cie'
      ? { offset: e.offset, kind: 'CIE', instructions }
      : { offset: e.offset, kind: 'FDE', cie: e.cie.offset, pcBegin: hex(e.pcBegin), pcEnd: hex(e.pcBegin + e.pcRange), instructions };
  });
  assert.deepEqual(mine, ref, `${file}: ${section}`);
  return mine.filter((f) => f.kind === 'FDE').length;
}

test('.eh_frame of the corpus equals readelf --debug-dump=frames', async () => {
  let fdes = 0;
  for (const o of corpusObjects()) fdes += await compareFrames(o.object, '.eh_frame');
  assert.ok(fdes > 100, `only ${fdes} FDEs compared`);
});

test('.eh_frame of sqlite3.o equals readelf --debug-dump=frames', async () => {
  assert.ok((await compareFrames(sqlite3Object().object, '.eh_frame')) > 1000);
});
