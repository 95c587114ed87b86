// web-test-runner plugin: a real VoC Kit server (the CLI, on PGlite in a temp folder) for browser tests.
// Browser tests fetch `/__voc/endpoint` for { endpoint, site, adminToken, sites }; the server starts on the
// first such request (so runs without server tests pay nothing) and stops with the test runner.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** Sites the browser tests use: everything allowed, a tight write limit, and one that refuses every origin. */
const SITES = [
  { key: 'wtr', name: 'Browser tests', origins: ['http://localhost:*', 'http://127.0.0.1:*'] },
  {
    key: 'wtr-tight',
    name: 'Browser tests, 2 writes',
    origins: ['http://localhost:*', 'http://127.0.0.1:*'],
    settings: { rateLimit: { perMinute: 1, burst: 2 } },
  },
  { key: 'wtr-closed', name: 'Browser tests, no origin allowed', origins: ['https://elsewhere.example'] },
];

export function vocServerPlugin() {
  let child;
  let dataDir;
  let started;

  async function start() {
    dataDir = mkdtempSync(join(tmpdir(), 'voc-wtr-'));
    const port = await freePort();
    const adminToken = randomBytes(24).toString('base64url');
    child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(ROOT, 'packages/server/src/cli.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), VOC_DATA_DIR: dataDir, VOC_ADMIN_TOKEN: adminToken, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`VoC server did not start:\n${out}`)), 240_000);
      const onData = (chunk) => {
        out += chunk;
        if (out.includes('live events')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`VoC server exited (${code}):\n${out}`)));
    });
    const endpoint = `http://127.0.0.1:${port}`;
    for (const site of SITES) {
      const res = await fetch(`${endpoint}/v1/admin/sites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(site),
      });
      if (res.status !== 201) throw new Error(`could not create site ${site.key}: ${res.status} ${await res.text()}`);
    }
    return { endpoint, site: 'wtr', adminToken, sites: SITES.map((s) => s.key) };
  }

  return {
    name: 'voc-server',
    async serve(context) {
      if (context.path !== '/__voc/endpoint') return undefined;
      started ??= start();
      return { body: JSON.stringify(await started), type: 'json' };
    },
    async serverStop() {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
