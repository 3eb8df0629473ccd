// The inspector's view models over real files, against tools nobody here wrote: readelf for
// sections and symbols, llvm-dwarfdump for line tables and DIEs, addr2line for go-to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document } from '../../tui/model/document.js';
import { dieRows, diesPage } from '../../tui/model/dies.js';
import { goTo } from '../../tui/model/goto.js';
import { hexPage } from '../../tui/model/hex.js';
import { linesPage } from '../../tui/model/lines.js';
import { moveTo, visible } from '../../tui/model/list.js';
import { plain, titleText, type Page } from '../../tui/model/page.js';
import { sectionsPage } from '../../tui/model/sections.js';
import { initialState, pageOf, refresh, update, World, type Key, type State } from '../../tui/model/state.js';
import { disassembler } from '../../src/index.js';
import { DEFAULT_SYMBOL_OPTIONS, symbolRows, symbolsPage } from '../../tui/model/symbols.js';
import { corpusObjects, root, sqlite3Object } from '../fixtures/corpus.js';
import { parseSections, parseSymbols, readelf } from '../unit/elf/readelf.js';

const open = (file: string): Document => Document.read(file, readFileSync(file));
const cells = (page: Page, i: number): string[] => page.row(i).map((s) => s.text.trim());
const rowsOf = (page: Page): string[] => Array.from({ length: page.count }, (_, i) => plain(page.row(i)));
const corpus = (name: string): string => corpusObjects().find((o) => o.name === name)!.object;
const tool = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });

test('Sections: every section of sqlite3.o with readelf -SW\'s name, type and flags', () => {
  const file = sqlite3Object().object;
  const page = sectionsPage(open(file), 0);
  const expected = parseSections(readelf(['-SW'], file));
  assert.equal(page.count, expected.length);
  for (const s of expected) {
    const [index, name, type, flags] = cells(page, s.index);
    assert.deepEqual([index, name, type, flags], [`[${s.index}]`, s.name, s.type, s.flags], `section ${s.index}`);
  }
});

test('Symbols: the .symtab of sqlite3.o as readelf lists it, without section and file symbols', () => {
  const file = sqlite3Object().object;
  const doc = open(file);
  const expected = parseSymbols(readelf(['-sW'], file)).filter((s) => s.table === '.symtab' && s.index > 0 && s.type !== 'SECTION' && s.type !== 'FILE');
  assert.equal(doc.symbols.length, expected.length);
  const byName = symbolsPage(doc, 0, { ...DEFAULT_SYMBOL_OPTIONS, sort: 'name' });
  assert.deepEqual(
    Array.from({ length: byName.count }, (_, i) => cells(byName, i)[5]),
    expected.map((s) => s.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  // Type and bind in readelf's words, on the row of each symbol.
  const some = expected.filter((s) => s.name.startsWith('sqlite3Vdbe')).slice(0, 50);
  const page = symbolsPage(doc, 0, { ...DEFAULT_SYMBOL_OPTIONS, sort: 'name', filter: 'sqlite3Vdbe' });
  const shown = new Map(Array.from({ length: page.count }, (_, i) => cells(page, i)).map((c) => [c[5], c]));
  for (const s of some) {
    const [, size, type, bind] = shown.get(s.name)!;
    assert.deepEqual([Number(size), type, bind], [Number(s.size), s.type, s.bind], s.name);
  }
});

test('Symbols: the filter keeps exactly the names that contain it, narrowing as it grows; smart case; sorting by size', () => {
  const doc = open(sqlite3Object().object);
  const names = doc.symbols.map((s) => s.sym.name);
  for (const filter of ['s', 'sq', 'sqlite3Vdbe', 'sqlite3VdbeExec', 'sqlite3vdbeexec', 'SQLITE3VDBE', 'no such name at all']) {
    const rows = symbolRows(doc, { ...DEFAULT_SYMBOL_OPTIONS, filter });
    const want = names.filter((n) => (filter === filter.toLowerCase() ? n.toLowerCase() : n).includes(filter));
    assert.deepEqual(Array.from(rows, (i) => names[i]).sort(), want.sort(), filter);
  }
  const bySize = symbolsPage(doc, 0, { ...DEFAULT_SYMBOL_OPTIONS, sort: 'size', descending: true });
  assert.equal(Number(cells(bySize, 0)[1]), Math.max(...doc.symbols.map((s) => s.size)));
  assert.equal(cells(bySize, 0)[5], 'sqlite3VdbeExec', 'the largest function of sqlite3.o');
});

test('Lines: the line table of a unit has llvm-dwarfdump --debug-line\'s rows, each sequence at its section\'s laid-out address', () => {
  // fact.O2 has main in .text.startup: llvm-dwarfdump puts every section at 0, the inspector
  // lays them apart, so rows compare relative to their sequence's first address.
  const file = corpus('fact.O2');
  const doc = open(file);
  const page = linesPage(doc, 0, undefined);
  const sequences = (rows: { address: bigint; rest: string }[]): string[][] => {
    const out: string[][] = [[]];
    let base: bigint | undefined;
    for (const r of rows) {
      base ??= r.address;
      out.at(-1)!.push(`+${r.address - base} ${r.rest}`);
      if (r.rest === 'end') {
        out.push([]);
        base = undefined;
      }
    }
    return out.filter((q) => q.length);
  };
  const expected: { address: bigint; rest: string }[] = [];
  for (const line of tool('llvm-dwarfdump-14', ['--debug-line', file]).split('\n')) {
    const m = /^0x([0-9a-f]{16})\s+(\d+)\s+(\d+)\s+\d+\s+\d+\s+\d+\s*(.*)$/.exec(line);
    if (m) expected.push({ address: BigInt(`0x${m[1]}`), rest: m[4]!.includes('end_sequence') ? 'end' : `${m[2]} ${m[3]}` });
  }
  assert.ok(expected.length > 10);
  const ours = Array.from({ length: page.count }, (_, i) => {
    const c = cells(page, i);
    return { address: BigInt(c[0]!), rest: c[1] === 'end_sequence' ? 'end' : `${c[1]} ${c[2]}` };
  });
  assert.deepEqual(sequences(ours), sequences(expected));
  // The sequence of main starts where the inspector put main.
  const main = doc.symbolNamed('main')!;
  assert.ok(ours.some((r) => Number(r.address) === main.address), 'a row at main');
  assert.notEqual(main.address, 0);
});

test('DIEs: the unit root unfolded shows its attributes and llvm-dwarfdump\'s children, each folded', () => {
  const file = corpus('fact.O0');
  const doc = open(file);
  const unit = doc.dwarf!.dwarf.units()[0]!;
  const rows = dieRows(unit, new Set([unit.dieOffset]));
  const page = diesPage(doc, unit, rows);
  const dump = tool('llvm-dwarfdump-14', ['--debug-info', file]).split('\n');
  // Children of the root are the entries indented by exactly two more spaces than the root.
  const tags = dump.flatMap((l) => /^0x[0-9a-f]{8}: {3}(DW_TAG_\w+)/.exec(l)?.[1] ?? []);
  const ours = rowsOf(page).flatMap((l) => /^0x[0-9a-f]{8}   ▸ (DW_TAG_\w+)|^0x[0-9a-f]{8}     (DW_TAG_\w+)/.exec(l)?.slice(1).find(Boolean) ?? []);
  assert.ok(tags.length > 5);
  assert.deepEqual(ours, tags);
  const attributes = rows.filter((r) => r.kind === 'attribute').length;
  assert.equal(attributes, unit.root().abbrev.attrs.length);
  assert.match(rowsOf(page).join('\n'), /DW_AT_producer \("GNU C/);
});

test('Hex: a section\'s rows hold its bytes as readelf -x dumps them', () => {
  const file = corpus('fact.O0');
  const doc = open(file);
  const rodata = doc.elf.sections.find((s) => s.name === '.rodata')!;
  const page = hexPage(doc, rodata.index);
  const dumped = tool('readelf', ['-x', '.rodata', file]).split('\n').flatMap((l) => /^ {2}0x[0-9a-f]+ ((?:[0-9a-f]{2,8} ){1,4})/.exec(l)?.[1]!.replace(/ /g, '') ?? []).join('');
  const ours = rowsOf(page).map((l) => l.slice(19, 67).replace(/ /g, '')).join('');
  assert.equal(ours, dumped);
});

test('Go to: an address in a linked program names the function and the source line addr2line gives', () => {
  const exe = join(root, '.cache', 'fixtures', 'calls.O0.exe');
  const doc = open(exe);
  const fn = doc.symbols.find((s) => s.sym.name === 'main')!;
  const address = fn.address + 4;
  const [name, where] = tool('addr2line', ['-f', '-e', exe, `0x${address.toString(16)}`]).trim().split('\n');
  const dest = goTo([doc], 0, `0x${address.toString(16)}`);
  assert.match(dest.message, new RegExp(`is ${name}\\+0x4, `));
  assert.ok(dest.message.includes(`${where!.replace(/ \(discriminator \d+\)$/, '').split('/').pop()}`), `${dest.message} names ${where}`);
  assert.match(dest.message, /section \.text/);
  assert.deepEqual(dest.jump, { view: 'disassembly', doc: 0, address });
  assert.deepEqual(goTo([doc], 0, 'main').jump, { view: 'disassembly', doc: 0, address: fn.address });
  assert.match(goTo([doc], 0, '0x1').message, /no section .* holds it/);
});

test('windowing: a view of 100,000 rows asks only for the rows on screen', () => {
  let asked = 0;
  const page: Page = { title: '', count: 100_000, row: (i) => { asked++; return [{ text: String(i) }]; } };
  const cursor = moveTo({ index: 0, top: 0 }, 99_990, page.count, 20);
  const { top, end } = visible(cursor, page.count, 20);
  for (let i = top; i < end; i++) page.row(i);
  assert.equal(asked, 20);
  assert.deepEqual([cursor.top, cursor.index], [99_971, 99_990], 'moving down keeps the cursor on the last row on screen');
});

/** Drives the state machine with keys, as the screen would. */
function press(state: State, world: World, keys: (Key | string)[], height = 20): State {
  for (const k of keys) {
    if (typeof k === 'string' && k.length > 1 && !['up', 'down', 'pageUp', 'pageDown', 'home', 'end', 'left', 'right', 'tab', 'shiftTab', 'enter', 'escape', 'backspace'].includes(k)) {
      for (const char of k) state = update(state, { char }, world, height);
    } else state = update(state, typeof k === 'string' && k.length === 1 ? { char: k } : (k as Key), world, height);
  }
  return state;
}

test('keys: filter to a function, open it, Tab through the views, Esc back to the filtered list', () => {
  const world = new World([open(sqlite3Object().object)], false);
  let s = initialState(world);
  assert.equal(s.view, 'symbols', 'one file opens on its symbols');
  s = press(s, world, ['/', 'sqlite3VdbeExec', 'enter']);
  assert.equal(s.prompt, undefined);
  const page = pageOf(s, world);
  // sqlite3VdbeExec and its .cold part, which GCC put in .text.unlikely, laid out after .text.
  assert.deepEqual(Array.from({ length: page.count }, (_, i) => cells(page, i)[5]), ['sqlite3VdbeExec', 'sqlite3VdbeExec.cold']);
  assert.match(page.title, /2 of \d+ symbols/);
  s = press(s, world, ['enter']);
  const exec = world.docs[0]!.symbolNamed('sqlite3VdbeExec')!;
  assert.equal(s.view, 'disassembly');
  assert.equal(s.views.disassembly.address, exec.address);
  s = press(s, world, ['tab']);
  assert.equal(s.view, 'lines');
  assert.match(pageOf(s, world).title, /sqlite3\.c/);
  s = press(s, world, ['tab']);
  assert.equal(s.view, 'dies');
  s = press(s, world, ['tab', 'tab', 'tab']);
  assert.equal(s.view, 'sections');
  s = press(s, world, ['escape']);
  assert.equal(s.view, 'symbols');
  assert.equal(s.views.symbols.options.filter, 'sqlite3VdbeExec');
  s = press(s, world, ['escape']);
  assert.equal(s.message, 'nothing to go back to');
  s = press(s, world, ['/', 'escape']);
  assert.equal(s.views.symbols.options.filter, '', 'Esc in the filter clears it');
  s = press(s, world, ['?']);
  assert.ok(s.help);
  s = press(s, world, ['x', 'q']);
  assert.ok(!s.help && s.quit);
});

test('Disassembly of an AArch64 object: llvm-objdump\'s instructions, source lines, and the relocation naming a call\'s target', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-tui-a64-'));
  try {
    const object = join(dir, 'a64.o');
    execFileSync('clang-14', ['--target=aarch64-linux-gnu', '-g', '-O1', '-c', join(root, 'test', 'unit', 'disasm', 'aarch64.c'), '-o', object]);
    const world = new World([open(object)], false, (machine) => disassembler(machine));
    let s = press(initialState(world), world, ['/', 'calls', 'enter', 'enter']);
    assert.equal(pageOf(s, world).count, 0, 'nothing to show while the disassembler loads');
    await new Promise<void>((resolve) => { world.changed = resolve; });
    s = refresh(s, world, 20);
    const page = pageOf(s, world);
    const rows = rowsOf(page);
    const ours = rows.flatMap((r) => /^0x[0-9a-f]+ +<\+(\d+)> +(\S+)/.exec(r)?.slice(1, 3).join(' ') ?? []);
    const listed = tool('llvm-objdump-14', ['-d', '--no-show-raw-insn', '--disassemble-symbols=calls', object]).split('\n')
      .flatMap((l) => { const m = /^ +([0-9a-f]+):\s+(\S+)/.exec(l); return m ? [`${parseInt(m[1]!, 16)} ${m[2]}`] : []; });
    const start = Number(listed[0]!.split(' ')[0]);
    assert.deepEqual(ours, listed.map((l) => { const [a, m] = l.split(' '); return `${Number(a) - start} ${m}`; }));
    assert.ok(rows.some((r) => /^aarch64\.c:12 /.test(r)), 'the source line of calls');
    assert.ok(rows.some((r) => /bl .*<external>$/.test(r)), rows.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Disassembly of sqlite3VdbeExec: every call names what objdump -dr says it calls, its relocation\'s symbol first', async () => {
  const file = sqlite3Object().object;
  const world = new World([open(file)], false, (machine) => disassembler(machine));
  world.decoder(world.docs[0]!.machine);
  await new Promise<void>((resolve) => { world.changed = resolve; });
  const exec = world.docs[0]!.symbolNamed('sqlite3VdbeExec')!;
  const rows = rowsOf(pageOf({ ...initialState(world), view: 'disassembly', views: { ...initialState(world).views, disassembly: { cursor: { index: 0, top: 0 }, address: exec.address } } }, world));
  const ours = rows.flatMap((r) => {
    const m = /^0x([0-9a-f]+) +<\+\d+> +call\S* +\S+ +<(.+)>$/.exec(r);
    return m ? [`${parseInt(m[1]!, 16)} ${m[2]}`] : [];
  });
  const lines = tool('objdump', ['-dr', '--no-show-raw-insn', '--disassemble=sqlite3VdbeExec', file]).split('\n');
  const theirs = lines.flatMap((l, i) => {
    const m = /^ +([0-9a-f]+):\tcall +[0-9a-f]+ <(.+)>$/.exec(l);
    if (!m) return [];
    const rel = /R_X86_64_(?:PLT|PC)32\t(\S+)-0x4$/.exec(lines[i + 1] ?? '');
    return [`${parseInt(m[1]!, 16)} ${rel ? rel[1] : m[2]}`];
  });
  assert.ok(theirs.length > 100 && theirs.some((t) => t.endsWith(' sqlite3_log')));
  assert.deepEqual(ours, theirs);
});

test('titleText: a long path loses its leading directories, never the function and range after it', () => {
  const title = '/tmp/a-checkout-of-some-length/.cache/fixtures/sqlite3.o  sqlite3SystemError  0x6f30-0x6f80';
  assert.equal(titleText('Disassembly', title, 200), `Disassembly: ${title}`);
  for (const width of [80, 70, 60]) {
    const shown = titleText('Disassembly', title, width);
    assert.ok(shown.length <= width, `${shown} fits in ${width}`);
    assert.match(shown, /^Disassembly: …\/\S*sqlite3\.o  sqlite3SystemError  0x6f30-0x6f80$/);
  }
  assert.equal(titleText('Disassembly', title, 40), 'Disassembly: …/sqlite3.o  sqlite3SystemError  0x6f30-0x6f80', 'the rest is cut by the row, not here');
  assert.equal(titleText('Symbols', 'no-path  3 symbols', 10), 'Symbols: no-path  3 symbols');
});
