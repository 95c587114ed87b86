// Writes custom-elements.json into every element package (the ones with src/define.ts), for editors and docs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const cem = resolve('node_modules/.bin/cem');
for (const name of readdirSync('packages')) {
  const dir = `packages/${name}`;
  if (!existsSync(`${dir}/src/define.ts`)) continue;
  execFileSync(cem, ['analyze', '--litelement', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.test.ts', '--outdir', '.', '--quiet'], {
    cwd: dir,
    stdio: 'inherit',
  });
  console.log(`custom-elements.json → ${dir}/custom-elements.json`);
}
