// Angular for scripts/build-examples.mjs, ahead of time and without the Angular CLI:
// - `ngc` (@angular/compiler-cli) compiles the app's TypeScript and templates to plain JavaScript;
// - Angular's own packages ship "partially compiled" (ɵɵngDeclare… calls); the Angular linker (a Babel plugin
//   from @angular/compiler-cli) finishes them while esbuild bundles, as the Angular CLI's esbuild builder does.
// So the page needs no JIT compiler, which would need 'unsafe-eval' under the demo pages' strict CSP.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Compiles the app in `dir` with ngc into `out` (inside the repo, so its imports resolve from node_modules). */
export function compileAngular(dir, out) {
  rmSync(out, { recursive: true, force: true });
  const ngc = join(require.resolve('@angular/compiler-cli/package.json'), '..', 'bundles/src/bin/ngc.js');
  execFileSync(process.execPath, [ngc, '-p', join(dir, 'tsconfig.json'), '--outDir', out, '--rootDir', join(dir, 'src')], {
    stdio: 'inherit',
  });
}

/** esbuild plugin: runs the Angular linker over Angular's partially compiled packages. */
export function angularLinker() {
  return {
    name: 'angular-linker',
    async setup(build) {
      const { transformAsync } = await import('@babel/core');
      const { default: linkerPlugin } = await import('@angular/compiler-cli/linker/babel');
      build.onLoad({ filter: /[/\\]@angular[/\\].*\.m?js$/ }, async (args) => {
        const code = readFileSync(args.path, 'utf8');
        if (!code.includes('ɵɵngDeclare')) return { contents: code, loader: 'js' };
        const result = await transformAsync(code, {
          filename: args.path,
          babelrc: false,
          configFile: false,
          compact: false,
          sourceMaps: false,
          plugins: [linkerPlugin],
        });
        return { contents: result.code, loader: 'js' };
      });
    },
  };
}
