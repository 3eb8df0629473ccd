// The layer table of docs/architecture.md is the truth about who imports whom in src/: every
// import of a file is allowed by its layer's row, every layer listed as imported is imported,
// and the files import each other without a cycle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { root } from '../fixtures/corpus.js';

const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : name.endsWith('.ts') ? [p] : [];
  });
}

/** src-relative paths (without .ts) that a file imports; with `values`, only imports that load the module at run time. */
function imports(file: string, values = false): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\b([^'"]*?)from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
    const spec = m[3] ?? m[4]!;
    if (!spec.startsWith('.') || (values && /^\s*type\b/.test(m[2] ?? ''))) continue;
    out.push(relative(src, resolve(dirname(file), spec)).replace(/\.js$/, ''));
  }
  return out;
}

/** `src/link/x.ts` → `link`; `src/session.ts` → `session.ts`. */
function layerOf(path: string): string {
  return path.includes('/') ? path.split('/')[0]! : `${path}.ts`;
}

/** The rows of architecture.md's layer table: layer → what it may import. */
function declared(): Map<string, string[]> {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const rows = new Map<string, string[]>();
  for (const m of doc.matchAll(/^\| `src\/([^`]+)` \| [^|]+ \| ([^|]*) \|$/gm)) {
    const list = m[2]!.trim();
    rows.set(m[1]!, list === 'nothing' ? [] : list.split(', ').map((x) => x.trim()));
  }
  return rows;
}

test('every import in src/ is allowed by the layer table of docs/architecture.md, and every listed layer is used', () => {
  const rows = declared();
  assert.ok(rows.size >= 10, 'the layer table is found');
  const used = new Map<string, Set<string>>();
  const wrong: string[] = [];
  for (const file of sources(src)) {
    const from = relative(src, file).replace(/\.ts$/, '');
    const layer = layerOf(from);
    const allowed = rows.get(layer);
    assert.ok(allowed, `${from}: layer ${layer} has no row in docs/architecture.md`);
    for (const to of imports(file)) {
      const target = layerOf(to);
      if (target === layer) continue;
      const entry = allowed.includes(target) ? target : allowed.includes(to) ? to : undefined;
      if (!entry) wrong.push(`${from} imports ${to} (layer ${target}, not in ${layer}'s row)`);
      else used.set(layer, (used.get(layer) ?? new Set()).add(entry));
    }
  }
  assert.deepEqual(wrong, []);
  for (const [layer, allowed] of rows) {
    const unused = allowed.filter((a) => !used.get(layer)?.has(a));
    assert.deepEqual(unused, [], `${layer}'s row lists layers it does not import`);
  }
});

/** Fails on the first cycle of a directed graph. */
function assertAcyclic(graph: Map<string, string[]>, what: string): void {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') assert.fail(`${what} cycle: ${[...stack.slice(stack.indexOf(node)), node].join(' → ')}`);
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) if (next !== node) visit(next); // a module may name itself (elf/consts: nameOf)
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node);
}

test('the layers form no cycle, and no file of src/ loads another that loads it back', () => {
  const layers = new Map([...declared()].map(([layer, allowed]) => [layer, allowed.map((a) => layerOf(a.includes('/') ? a : `${a}/`))]));
  assertAcyclic(layers, 'layer');
  // Type-only imports within a layer (Dwarf and its Unit name each other) load nothing.
  assertAcyclic(new Map(sources(src).map((file) => [relative(src, file).replace(/\.ts$/, ''), imports(file, true)])), 'import');
});
