import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusObjects, sqlite3Object } from '../../fixtures/corpus.js';
import { hex } from '../../../src/dwarf/values.js';
import { dwarfdumpLines, openDwarf, rowKey } from './reference.js';

/** Every row of every line program, and each program's file table, against llvm-dwarfdump. */
async function compareLines(file: string): Promise<number> {
  const ref = await dwarfdumpLines(file);
  const programs = openDwarf(file).allLinePrograms();
  assert.deepEqual(programs.map((p) => p.offset), ref.map((p) => p.offset), `${file}: line program offsets`);
  let rows = 0;
  programs.forEach((p, i) => {
    const r = ref[i]!;
    assert.equal(p.version, r.version, `${file}: version of the program at ${hex(p.offset)}`);
    assert.deepEqual(p.includeDirectories, r.includeDirectories, `${file}: include_directories at ${hex(p.offset)}`);
    assert.deepEqual(p.fileNames.map((f) => `${f.dirIndex} ${f.name}`), r.files, `${file}: file_names at ${hex(p.offset)}`);
    const mine: string[] = [];
    p.run((row) => mine.push(rowKey(hex(row.address), row.line, row.column, row.file, row.isStmt, row.endSequence)));
    if (mine.length !== r.rows.length || mine.some((m, k) => m !== r.rows[k])) {
      const k = mine.findIndex((m, j) => m !== r.rows[j]);
      assert.fail(`${file}: program at ${hex(p.offset)}: row ${k} is '${mine[k]}', llvm-dwarfdump has '${r.rows[k]}' (${mine.length} vs ${r.rows.length} rows)`);
    }
    rows += mine.length;
  });
  return rows;
}

test('line tables of the corpus equal llvm-dwarfdump --debug-line, row for row', async () => {
  let rows = 0;
  for (const o of corpusObjects()) rows += await compareLines(o.object);
  assert.ok(rows > 1000, `only ${rows} rows compared`);
});

test('line tables of sqlite3.o equal llvm-dwarfdump --debug-line, row for row', async () => {
  const rows = await compareLines(sqlite3Object().object);
  assert.ok(rows > 100_000, `only ${rows} rows compared`);
});
