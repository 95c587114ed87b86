// `npm start`: builds what is missing, then runs the reference server (embedded PostgreSQL) with the demo site
// at http://localhost:8787 (PORT to change), which also serves examples/ and the bundle.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('packages/voc/dist/voc.js') || process.argv.includes('--build')) {
  console.log('Building the packages and the script-tag bundle…');
  execFileSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', '--silent'], { stdio: 'inherit' });
}
const examples = ['react', 'vue', 'svelte', 'angular'];
if (examples.some((name) => !existsSync(`examples/${name}/dist/app.js`)) || process.argv.includes('--build')) {
  console.log('Building the React, Vue, Svelte and Angular examples…');
  execFileSync(process.execPath, ['scripts/build-examples.mjs'], { stdio: 'inherit' });
}

const server = 'packages/server/src/cli.ts';
const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', server], {
  stdio: 'inherit',
  env: { NODE_ENV: 'development', VOC_DATA_DIR: '.data', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
