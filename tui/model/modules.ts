/** Modules: the files given, or the images a live process registered. */
import { STT_FUNC, SHN_UNDEF, fileTypeName } from '../../src/index.js';
import type { Document } from './document.js';
import { cell, hex, text, type Page } from './page.js';

/** [lowest, highest) address of the executable sections, if any. */
function codeRange(doc: Document): [number, number] | undefined {
  const code = doc.elf.sections.filter((s) => doc.isCode(s) && s.sh_size > 0);
  if (code.length === 0) return undefined;
  return [Math.min(...code.map((s) => doc.sectionAddress[s.index]!)), Math.max(...code.map((s) => doc.sectionAddress[s.index]! + s.sh_size))];
}

function functionCount(doc: Document): number {
  return doc.symbols.filter((s) => s.sym.type === STT_FUNC && s.sym.st_shndx !== SHN_UNDEF).length;
}

export function modulesPage(docs: readonly Document[], live: boolean): Page {
  const stateWidth = live ? 13 : 5;
  return {
    title: live ? `${docs.filter((d) => !d.registration?.goneAt).length} registered` : `${docs.length} file${docs.length === 1 ? '' : 's'}`,
    columns: [cell('#', 3, undefined, true), cell('code', 29), cell('size', 7, undefined, true), cell('funcs', 5, undefined, true), cell(live ? 'state' : 'type', stateWidth), text('name')],
    count: docs.length,
    row(i) {
      const d = docs[i]!;
      const range = codeRange(d);
      const gone = d.registration?.goneAt;
      const state = !live ? fileTypeName(d.elf.header.e_type).replace(/ \(.*/, '') : gone ? `gone ${gone.toLocaleTimeString('en-GB')}` : 'registered';
      return [
        cell(String(i), 3, 'dim', true),
        cell(range ? `${hex(range[0])}-${hex(range[1])}` : '-', 29, 'address'),
        cell(range ? String(range[1] - range[0]) : '-', 7, undefined, true),
        cell(String(functionCount(d)), 5, undefined, true),
        cell(state, stateWidth, gone ? 'warn' : 'dim'),
        // The file's name: the path is in the status line, where it has the width.
        text(d.name.split('/').pop()!, gone ? 'dim' : 'name'),
      ];
    },
    open: (i) => ({ view: 'symbols', doc: i }),
    describe(i) {
      const d = docs[i]!;
      const r = d.registration;
      return r ? `${d.name}: jit_code_entry ${hex(r.entry)}, symfile ${hex(r.symfile)} (${r.size} bytes)` : d.name;
    },
  };
}
