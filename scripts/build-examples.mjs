// Builds the framework examples (examples/react, examples/vue) the way a web developer's app would be built:
// esbuild bundles each app with its framework and the VoC Kit elements imported from npm (resolved through the
// workspaces to the packages' built dist/, so `rollup -c` runs first), minified ESM, into examples/<name>/dist/.
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const APPS = [
  { name: 'react', entry: 'src/main.jsx' },
  { name: 'vue', entry: 'src/main.js' },
];

if (!existsSync(`${root}packages/feedback-form/dist/define.js`)) {
  console.error('build-examples: the packages are not built yet; run `npx rollup -c` (or `npm run build`) first.');
  process.exit(1);
}

for (const { name, entry } of APPS) {
  const dir = `${root}examples/${name}`;
  rmSync(`${dir}/dist`, { recursive: true, force: true });
  const result = await build({
    entryPoints: { app: `${dir}/${entry}` },
    outdir: `${dir}/dist`,
    bundle: true,
    splitting: true, // the elements' lazy parts (languages, quotes panel, adapters) stay separate chunks
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: 'es2022',
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  });
  const bytes = result.metafile.outputs[`examples/${name}/dist/app.js`]?.bytes;
  console.log(`examples/${name}/dist/app.js${bytes ? ` (${(bytes / 1024).toFixed(1)} KiB)` : ''}`);
}
