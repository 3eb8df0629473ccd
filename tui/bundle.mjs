// Bundles the inspector (dist/tui/main.js, after tsc) into dist/tui/main.bundle.js, which
// `jitdbg tui` loads: Node 20 takes about 0.6 s to load ink and React as the hundreds of files
// they ship, and about 0.1 s as one. jitdbg's own API stays outside (it reads files beside its
// modules, and the CLI has loaded part of it already), as do koffi and capstone.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  entryPoints: [`${root}dist/tui/main.js`],
  outfile: `${root}dist/tui/main.bundle.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['koffi', '@alexaltea/capstone-js'],
  // React's production build; ink's devtools (imported only with DEV=true) are left out.
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"' },
  plugins: [{
    name: 'jitdbg',
    setup(b) {
      b.onResolve({ filter: /\/src\/index\.js$/ }, () => ({ path: '../src/index.js', external: true }));
      b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'empty' }));
      b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};' }));
    },
  }],
  // CommonJS packages inside the bundle call require.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
