// Builds every package to ESM with bare imports and type declarations (packages/*/dist), in dependency
// order, then the script-tag bundle packages/voc/dist (voc.js autoloader + one lazy chunk per element).
import { existsSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

// Dependency order: a package's declarations are checked against the built declarations of the ones before it.
// A package not in this checkout (yet) is skipped.
const ORDER = [
  'protocol',
  'adapter-local',
  'adapter-http',
  'core',
  'feedback-form',
  'cloud',
  'status-feed',
  'pulse',
  'team-console',
  'server',
];
const NODE_ONLY = new Set(['server']);

const isTest = (f) => /\.test\.ts$/.test(f);
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !isTest(e.name) ? [path] : [];
  });
}

const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

function library(name) {
  const root = `packages/${name}`;
  const src = `${root}/src`;
  const input = Object.fromEntries(sources(src).map((f) => [relative(src, f).replace(/\.ts$/, ''), f]));
  return {
    input,
    external,
    output: {
      dir: `${root}/dist`,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      preserveModules: true,
      preserveModulesRoot: src,
    },
    plugins: [
      typescript({
        tsconfig: 'tsconfig.base.json',
        filterRoot: process.cwd(),
        include: [`${src}/**/*.ts`],
        exclude: [`${src}/**/*.test.ts`],
        compilerOptions: {
          rootDir: src,
          outDir: `${root}/dist`,
          declarationDir: `${root}/dist`,
          // resolve other @voc-kit packages through their built declarations, not their sources
          customConditions: [],
          types: NODE_ONLY.has(name) ? ['node'] : [],
          noEmitOnError: true,
        },
      }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  };
}

// Start from empty dist folders, so no stale chunk or declaration survives a rename.
for (const name of [...ORDER, 'voc']) rmSync(`packages/${name}/dist`, { recursive: true, force: true });

const libraries = ORDER.filter((name) => existsSync(`packages/${name}/src/index.ts`)).map(library);

/** Writes dist/chunks.json: each chunk's static and dynamic imports, for scripts/size.mjs. */
function chunkGraph() {
  return {
    name: 'voc-chunk-graph',
    generateBundle(options, bundle) {
      const graph = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        graph[chunk.fileName] = { imports: chunk.imports, dynamicImports: chunk.dynamicImports, modules: Object.keys(chunk.modules) };
      }
      mkdirSync(options.dir, { recursive: true });
      writeFileSync(join(options.dir, 'chunks.json'), JSON.stringify(graph, null, 2));
    },
  };
}

/** Validation's English sentences stay on the server: in the bundle, protocol's rules get short developer messages. */
function browserMessages() {
  return {
    name: 'voc-browser-messages',
    resolveId(source, importer) {
      if (source !== './messages.js' || !importer?.replaceAll('\\', '/').includes('/packages/protocol/dist/')) return null;
      return join(importer, '..', 'messages.browser.js');
    },
  };
}

/**
 * Lit's developer-only error messages, shortened in the bundles: they guard misuse of `css` and `html`, which the
 * bundles do not export, so no page can trigger them (the checks themselves stay). About 0.14 kB off every element.
 */
function litMessages() {
  const short = [
    [/Error\("CSSResult is not constructable[^"]*"\)/, 'Error("Lit: css")'],
    [/Error\("Value passed to 'css' function[^"]*"\+(\w+)\+"[^"]*"\)/, 'Error("Lit: css "+$1)'],
    [/Error\("invalid template strings array"\)/, 'Error("Lit: html")'],
  ];
  return {
    name: 'voc-lit-messages',
    transform(code, id) {
      if (!/node_modules\/(@lit\/reactive-element\/css-tag|lit-html\/lit-html)\.js$/.test(id.replaceAll('\\', '/'))) return null;
      for (const [pattern, replacement] of short) code = code.replace(pattern, replacement);
      return { code, map: null };
    },
  };
}

// Chunks of the script-tag bundle. Rollup's default makes one chunk per set of elements sharing modules, so a
// page with the form loaded seven small files; each file is gzipped on its own, so fewer, larger files weigh less.
// The dependencies of a named chunk that no other chunk claims are pulled into it: hence `local` and `form`.
// What every element needs to paint (Lit, the base element, strings and direction, tokens, the kinds, the adapter
// registry) is `shared`, and nothing more: an inline form's first paint is voc.js, `shared` and `form`. What elements
// need to talk to a backend (the model, limits, errors, validation, IndexedDB, receipts, the adapter resolver,
// counted strings, and the HTTP adapter, which every page with an endpoint loads with them: one file weighs less
// than two) is `data`, which the cloud, the feed and the pulse load with themselves and the form only on the
// customer's first focus or input, or when the browser is idle (`send`). What the cloud, the feed and the pulse share
// besides (`Load`, `SubViews`, `Live`, `Localizer` with its dates, `errorDetail`, the strings they share and Lit's
// directive base) is `views`, which the form never loads; a launcher form's dialog is its own chunk.
const SHARED =
  /packages\/core\/dist\/(index|base-localizer|tokens|element)\.js$|packages\/protocol\/dist\/(index|kinds|text-length|adapter)\.js$|node_modules\/(lit-html\/lit-html|lit-element\/lit-element|@lit\/reactive-element\/(reactive-element|css-tag)|lit\/index)\.js$/;
const DATA =
  /packages\/protocol\/dist\/(errors|random|validation|rule|field-limits|messages\.browser)\.js$|packages\/core\/dist\/(receipts|receipt-store|adapter|adapter-registry|defaults|plural)\.js$|packages\/adapter-http\/dist\/(index|http-adapter|answer)\.js$|node_modules\/idb-keyval\/dist\/index\.js$/;
function manualChunks(id) {
  id = id.replaceAll('\\', '/');
  if (SHARED.test(id)) return 'shared';
  if (DATA.test(id)) return 'data';
  if (
    /core\/dist\/(load|sub-views|status-strings|common-strings|live|i18n|element-helpers)\.js$|adapter-http\/dist\/reads\.js$|protocol\/dist\/(read-limits|pulse-windows)\.js$|core\/dist\/receipts-kept\.js$|node_modules\/lit-html\/directive\.js$/.test(
      id,
    )
  )
    return 'views';
  if (/protocol\/dist\/(memory-adapter|ids|query|expected-by|limits|model|text\/(?!phrases)[^/]*)\.js$|adapter-local\/dist\//.test(id))
    return 'local'; // pages without endpoint
  if (/core\/dist\/outbox(-controller)?\.js$|feedback-form\/dist\/(sending|outcome)\.js$/.test(id)) return 'send';
  if (/feedback-form\/dist\/(?!launcher|dialog)[^/]*\.js$/.test(id)) return 'form';
  if (/protocol\/dist\/text\/phrases\.js$/.test(id)) return 'phrases'; // cloud and local adapter
  // the HTTP adapter's confirm, withdraw and "me too" (lazy), with the "me too" check the local adapter shares: left
  // unnamed, the check went into `local`, and a "me too" over HTTP downloaded the whole local adapter
  if (/adapter-http\/dist\/writes\.js$|protocol\/dist\/me-too\.js$/.test(id)) return 'writes';
  // forgetting a remembered receipt, which only the feed's thread does: left unnamed, `views` (whose receipts module
  // re-exports it) pulled it in
  if (/core\/dist\/receipt-forget\.js$|status-feed\/dist\/thread\.js$/.test(id)) return 'thread';
  return undefined;
}

// The script-tag bundle, built from the packages' dist (so it runs after them), Lit included and minified.
const bundle = existsSync('packages/voc/src/voc.ts')
  ? [
      {
        input: { voc: 'packages/voc/src/voc.ts' },
        output: {
          dir: 'packages/voc/dist',
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash:6].js',
          sourcemap: 'hidden',
          generatedCode: { preset: 'es2015', symbols: false }, // arrow functions, no Symbol.toStringTag on namespaces
          freeze: false, // the namespaces of dynamic imports are only read inside the bundle: no Object.freeze() around them
          manualChunks,
        },
        plugins: [
          typescript({
            tsconfig: 'tsconfig.base.json',
            filterRoot: process.cwd(),
            include: ['packages/voc/src/**/*.ts'],
            compilerOptions: { customConditions: [], declaration: false, declarationMap: false },
          }),
          browserMessages(),
          litMessages(),
          nodeResolve({ exportConditions: ['browser', 'import', 'default'] }),
          // whitespace and comments out of html`` and css`` templates (terser leaves strings alone)
          minifyTemplateLiterals({ exclude: ['**/node_modules/**'] }), // Lit ships minified
          terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
          chunkGraph(),
        ],
      },
    ]
  : [];

// The team console's own bundle (not in voc.js): served by the reference server at /console.
const consoleBundle = existsSync('packages/team-console/src/index.ts')
  ? [
      {
        input: { console: 'packages/team-console/dist/define.js' },
        // console.js holds the console itself, not a facade over a chunk shared with the lazy <voc-cloud>
        preserveEntrySignatures: 'allow-extension',
        output: {
          dir: 'packages/voc/dist/console',
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: '[name]-[hash].js',
          sourcemap: true,
        },
        plugins: [
          browserMessages(),
          litMessages(),
          nodeResolve({ exportConditions: ['browser', 'import', 'default'] }),
          minifyTemplateLiterals({ exclude: ['**/node_modules/**'] }),
          terser({ ecma: 2022, module: true, format: { comments: false } }),
        ],
      },
    ]
  : [];

export default [...libraries, ...bundle, ...consoleBundle];
