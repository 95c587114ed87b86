// Builds the framework examples (examples/react, vue, svelte, angular) the way a web developer's app would be
// built: esbuild bundles each app with its framework and the VoC Kit elements imported from npm (resolved through
// the workspaces to the packages' built dist/, so `rollup -c` runs first), minified ESM, into examples/<name>/dist/.
// Svelte components compile through esbuild-svelte; Angular compiles ahead of time (see ./lib/angular.mjs).
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import sveltePlugin from 'esbuild-svelte';
import { angularLinker, compileAngular } from './lib/angular.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const APPS = [
  { name: 'react', entry: 'src/main.jsx' },
  { name: 'vue', entry: 'src/main.js' },
  // browser conditions: Svelte's package exports its client runtime under `browser`
  // ngc first (templates compiled ahead of time into node_modules/.cache), then esbuild with the Angular linker
  {
    name: 'angular',
    entry: '../../node_modules/.cache/voc-angular/main.js',
    prepare: (dir) => compileAngular(dir, `${root}node_modules/.cache/voc-angular`),
    plugins: () => [angularLinker()],
  },
  { name: 'svelte', entry: 'src/main.js', plugins: () => [sveltePlugin()], conditions: ['svelte', 'browser'] },
];

if (!existsSync(`${root}packages/feedback-form/dist/define.js`)) {
  console.error('build-examples: the packages are not built yet; run `npx rollup -c` (or `npm run build`) first.');
  process.exit(1);
}

for (const { name, entry, prepare, plugins, conditions } of APPS) {
  const dir = `${root}examples/${name}`;
  prepare?.(dir);
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
    ...(plugins && { plugins: plugins() }),
    ...(conditions && { conditions, mainFields: ['svelte', 'browser', 'module', 'main'] }),
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      // Angular's development checks and JIT paths out of the production bundle (as the Angular CLI does)
      ngDevMode: 'false',
      ngJitMode: 'false',
      ngI18nClosureMode: 'false',
    },
  });
  const bytes = result.metafile.outputs[`examples/${name}/dist/app.js`]?.bytes;
  console.log(`examples/${name}/dist/app.js${bytes ? ` (${(bytes / 1024).toFixed(1)} KiB)` : ''}`);
}
