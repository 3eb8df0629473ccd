// Bundles the command line (dist/src/cli/main.js and all it imports, after tsc) into that same
// main.js plus one chunk per command and per shared part, beside it: Node 20 takes longer to
// load jitdbg's modules one file at a time (`dwarf` 75 ms) than as a chunk (20 ms), and longer
// still for ink and React as the hundreds of files they ship. The chunks sit at the depth of
// the modules they replace, so the paths each module makes from import.meta.url (gdb-scripts,
// main.js) still hold. The library (dist/src/index.js) is left as tsc wrote it.
import { build } from 'esbuild';
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/src/cli/', import.meta.url));
for (const f of readdirSync(cli)) if (f.startsWith('chunk-')) rmSync(cli + f);
await build({
  entryPoints: [`${cli}main.js`],
  outdir: cli,
  allowOverwrite: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['koffi', '@alexaltea/capstone-js'],
  // React's production build; ink's devtools (imported only with DEV=true) are left out.
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"' },
  plugins: [{
    name: 'jitdbg',
    setup(b) {
      b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'empty' }));
      b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};' }));
    },
  }],
  // CommonJS packages inside the bundle call require.
  banner: { js: "import { createRequire as jitdbgCreateRequire } from 'node:module'; const require = jitdbgCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
// The package's bin: neither tsc nor esbuild gives it the execute bits npx needs to run it.
chmodSync(`${cli}main.js`, 0o755);
