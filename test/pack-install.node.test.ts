// The packages as npm users get them, outside this repository: `npm pack` every workspace, install the tarballs
// into a fresh app in the system's temp folder, type-check it with tsc and build it with Vite, start the packed
// @voc-kit/server with `npx` in an empty folder in production mode, open the sign-in link it prints in Chromium
// (the console signs the owner in, once), and send feedback through the form in Chromium. Nothing here reads the repository's sources or node_modules at run time:
// the repo only lends its tools (npm, tsc, Vite, Chromium).
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROME_ARGS, findBrowser } from '../scripts/find-browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const ELEMENTS = ['feedback-form', 'cloud', 'status-feed'];

/** A free loopback port (the server must know its public URL before it starts). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createNetServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The app a web developer would write: Vite, TypeScript, one element from npm, its typed event. */
function writeApp(dir: string, tarballs: Record<string, string>) {
  mkdirSync(`${dir}/src`, { recursive: true });
  const dependencies = Object.fromEntries(
    Object.entries(tarballs)
      .filter(([name]) => name !== '@voc-kit/server')
      .map(([name, file]) => [name, `file:${file}`]),
  );
  writeFileSync(`${dir}/package.json`, JSON.stringify({ name: 'voc-pack-app', private: true, type: 'module', dependencies }, null, 2));
  writeFileSync(
    `${dir}/tsconfig.json`,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        resolveJsonModule: true,
        types: [],
      },
      include: ['src'],
    }),
  );
  writeFileSync(
    `${dir}/index.html`,
    `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Shop</title><script type="module" src="/src/main.ts"></script></head>
  <body>
    <main>
      <h1>Shop</h1>
      <voc-feedback-form endpoint="/" site="shop"></voc-feedback-form>
      <ul id="sent"></ul>
    </main>
  </body>
</html>
`,
  );
  writeFileSync(
    `${dir}/src/main.ts`,
    `import '@voc-kit/feedback-form/define.js';
import type { VocFeedbackForm } from '@voc-kit/feedback-form';
import type { FeedbackDraft } from '@voc-kit/core';
import { tagNames } from './manifest.js';

const form: VocFeedbackForm = document.querySelector('voc-feedback-form')!;
form.strings = { submit: 'Send to the shop' };
form.addEventListener('voc-submitted', (event) => {
  const draft: FeedbackDraft = event.detail.draft;
  const item = document.createElement('li');
  item.textContent = \`\${draft.kind}: \${draft.text}\`;
  document.querySelector('#sent')!.append(item);
});
document.documentElement.dataset.tags = tagNames.join(',');
`,
  );
  writeFileSync(
    `${dir}/src/manifest.ts`,
    `import manifest from '@voc-kit/feedback-form/custom-elements.json';

/** The tags the installed package's Custom Elements Manifest declares. */
export const tagNames: string[] = manifest.modules.flatMap((m) =>
  (m.declarations ?? []).flatMap((d) => ('tagName' in d && typeof d.tagName === 'string' ? [d.tagName] : [])),
);
`,
  );
}

/** Waits until the text of `<voc-team-console>`'s shadow root matches `pattern`; returns that text. */
async function consoleShows(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    (source, flags) => new RegExp(source, flags).test(document.querySelector('voc-team-console')?.shadowRoot?.textContent ?? ''),
    { polling: 100, timeout: 60_000 },
    pattern.source,
    pattern.flags,
  );
  return page.$eval('voc-team-console', (c) => c.shadowRoot!.textContent ?? '');
}

/** Resolves when the server's output matches `pattern`; rejects if it exits first. */
function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} after ${ms} ms:\n${output()}`)), ms);
    const check = () => {
      const match = output().match(pattern);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve(match);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${output()}`)));
    check();
  });
}

describe('the packed packages, installed outside the repository', () => {
  let tmp: string;
  let app: string;
  let serverDir: string;
  let tarballs: Record<string, string>;
  let server: ChildProcess | undefined;
  let log = '';
  let base: string;
  let signInToken: string;
  let browser: Browser | undefined;
  /** The owner's console, signed in through the printed link. */
  let ownerConsole: Page | undefined;
  /** A bearer token the signed-in owner made in the console, for this test's API calls. */
  let owner: string;

  before(async () => {
    for (const name of ELEMENTS)
      assert.ok(
        existsSync(`${root}packages/${name}/custom-elements.json`),
        'the packages are not built: `npm test` builds them (or `npm run build`)',
      );
    tmp = mkdtempSync(join(tmpdir(), 'voc-pack-'));
    app = `${tmp}/app`;
    serverDir = `${tmp}/server`;
    mkdirSync(`${tmp}/tarballs`);
    mkdirSync(serverDir);
    const { stdout } = await run(npm, ['pack', '--workspaces', '--json', '--pack-destination', `${tmp}/tarballs`], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    tarballs = Object.fromEntries(
      (JSON.parse(stdout) as Array<{ name: string; filename: string }>).map((p) => [p.name, `${tmp}/tarballs/${p.filename}`]),
    );
    writeApp(app, tarballs);

    // the server: `npx` of the packed tarball in an empty folder, production mode, PGlite in ./voc-data
    const port = await freePort();
    base = `http://localhost:${port}`;
    // @voc-kit/* are not on the registry (yet): every packed workspace is offered to npx, the server among them
    const packages = Object.values(tarballs).map((file) => `--package=${file}`);
    server = spawn(npx, ['--yes', '--prefer-offline', '--no-audit', '--no-fund', ...packages, 'voc-server'], {
      cwd: serverDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        VOC_PUBLIC_URL: base,
        VOC_STATIC_DIR: `${app}/dist`,
        VOC_METRICS_TOKEN: 'metrics-scraper-token-0123456789',
        npm_config_update_notifier: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: npx does not pass signals on to the server it started
    });
    server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    // a generous bound: npx installs the tarballs first, which takes minutes on a busy machine
    const started = waitForOutput(server, () => log, /\/console#token=([A-Za-z0-9_-]+)/, 600_000);

    // meanwhile, the app installs the tarballs (from the npm cache where it can) and builds with Vite
    await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'], {
      cwd: app,
      maxBuffer: 16 * 1024 * 1024,
    });
    await run(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'], { cwd: app });
    signInToken = (await started)[1];
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      process.kill(-server.pid!, 'SIGTERM'); // npx and the server it started
      await exited;
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('every package packs with its built files, declarations and manifest, and no tests', () => {
    const names = Object.keys(tarballs).sort();
    for (const name of [
      '@voc-kit/core',
      '@voc-kit/adapter-http',
      '@voc-kit/adapter-local',
      '@voc-kit/server',
      '@voc-kit/voc',
      ...ELEMENTS.map((e) => `@voc-kit/${e}`),
    ])
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const installed = (name: string) => `${app}/node_modules/${name}`;
    for (const name of ELEMENTS) {
      const dir = installed(`@voc-kit/${name}`);
      assert.ok(existsSync(`${dir}/dist/define.js`) && existsSync(`${dir}/dist/define.d.ts`), name);
      assert.ok(!readdirSync(`${dir}/src`, { recursive: true }).some((f) => String(f).endsWith('.test.ts')), `${name} ships no tests`);
    }
  });

  test('types and custom-elements.json resolve from the installed packages (tsc in the app)', async () => {
    // the app's own tsc run: the typed voc-submitted detail, the element class, the manifest imported as JSON
    await run(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json'], { cwd: app }).catch(
      (error: { stdout?: string }) => assert.fail(`tsc in the app:\n${error.stdout}`),
    );
    const require = createRequire(`${app}/package.json`);
    for (const name of ELEMENTS) {
      const pkg = JSON.parse(readFileSync(require.resolve(`@voc-kit/${name}/package.json`), 'utf8')) as { customElements: string };
      const manifest = readFileSync(`${app}/node_modules/@voc-kit/${name}/${pkg.customElements}`, 'utf8');
      assert.match(manifest, new RegExp(`"tagName": "voc-${name}"`), `${name}'s manifest declares its tag`);
    }
  });

  test('the production server runs from an empty folder: PGlite in ./voc-data, no demo site', async () => {
    assert.ok(existsSync(`${serverDir}/voc-data`), `voc-data in ${readdirSync(serverDir).join(', ')}`);
    assert.match(log, /\(production\)/);
    const demo = await fetch(`${base}/v1/sites/demo/topics`);
    assert.equal(demo.status, 404, 'no demo site in production');
  });

  test('the printed sign-in link opens the console in Chromium: the owner is signed in, once, with no token in storage', async () => {
    const link = `${base}/console#token=${signInToken}`;
    assert.match(log, new RegExp(link));
    // the link's token by itself opens nothing
    const direct = await fetch(`${base}/v1/admin/sites`, { headers: { authorization: `Bearer ${signInToken}` } });
    assert.equal(direct.status, 401);

    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_ARGS });
    const page = (ownerConsole = await browser.newPage());
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${(e as Error).message}`));
    await page.goto(link, { waitUntil: 'load' });
    const shown = await consoleShows(page, /Signed in as Owner/);
    assert.match(shown, /Inbox/, 'the console opens on the inbox');
    assert.doesNotMatch(shown, /Sign in to the team console/);
    assert.equal(new URL(page.url()).hash, '', 'the sign-in token leaves the address bar');
    // the session is an HttpOnly cookie: nothing a script could read or steal holds a token
    const storage = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
    );
    assert.ok(!storage.includes(signInToken), 'the sign-in token is in storage');
    const cookies = await page.cookies();
    assert.ok(cookies.length > 0 && cookies.every((c) => c.httpOnly), `session cookies: ${cookies.map((c) => c.name).join(', ')}`);
    for (const c of cookies) assert.ok(!storage.includes(c.value), `the session ${c.name} is readable by scripts`);

    // the owner makes a bearer token for automation, as the console does (same origin, with its session)
    const made = await page.evaluate(async () => {
      const res = await fetch('/v1/team/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'pack-install test', role: 'owner' }),
      });
      return { status: res.status, body: (await res.json()) as { token: string } };
    });
    assert.equal(made.status, 201);
    owner = made.body.token;
    assert.deepEqual(problems, []);

    // the link is spent: opened again (another browser profile, no cookie) it signs nobody in
    const again = await browser.createBrowserContext();
    try {
      const second = await again.newPage();
      await second.goto(link, { waitUntil: 'load' });
      const text = await consoleShows(second, /Sign in to the team console/);
      assert.doesNotMatch(text, /Signed in as/);
      assert.equal((await second.cookies()).length, 0, 'no session for a spent link');
    } finally {
      await again.close();
    }
    const exchange = await fetch(`${base}/v1/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: signInToken }),
    });
    assert.equal(exchange.status, 401, 'nor can it be exchanged for a token');
  });

  test("the owner's token works on the team API; metrics sit behind a token", async () => {
    assert.ok(owner, 'the sign-in test ran first');
    const token = owner;
    const team = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const sites = await fetch(`${base}/v1/admin/sites`, { headers: team });
    assert.equal(sites.status, 200);
    // the owner creates the shop's site for the app's origin
    const created = await fetch(`${base}/v1/admin/sites`, {
      method: 'POST',
      headers: team,
      body: JSON.stringify({ key: 'shop', name: 'Shop', origins: [base] }),
    });
    assert.equal(created.status, 201);

    assert.equal((await fetch(`${base}/metrics`)).status, 401);
    for (const bearer of [token, 'metrics-scraper-token-0123456789']) {
      const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${bearer}` } });
      assert.equal(metrics.status, 200);
      assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await metrics.text();
      for (const name of ['voc_live_connections', 'voc_webhook_backlog', 'voc_rate_limited_requests_total'])
        assert.match(text, new RegExp(`^${name} \\d+$`, 'm'), name);
    }
  });

  test('the Vite app sends feedback through the installed form to the packed server; logs keep no email or receipt', async () => {
    assert.ok(owner, 'the sign-in test ran first');
    const team = { authorization: `Bearer ${owner}` };
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${(e as Error).message}`));
    // a failed load is reported with its address (the console line for it names none)
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`http ${r.status()}: ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon|Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${base}/`, { waitUntil: 'load' });
    const form = 'voc-feedback-form';
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('button[type="submit"]')?.textContent?.includes('Send to the shop'),
      { polling: 100, timeout: 20_000 },
      form,
    );
    assert.equal(await page.$eval('html', (h) => h.dataset.tags), 'voc-feedback-form', 'the bundled manifest names the tag');
    const text = 'Packed and installed: the parcel lockers are great';
    const email = 'packed.customer@example.org';
    await page.click(`${form} >>> input[value="compliment"]`);
    await page.click(`${form} >>> textarea`);
    await page.keyboard.type(text);
    await page.click(`${form} >>> input[type="email"]`);
    await page.keyboard.type(email);
    await page.click(`${form} >>> #consent`);
    await page.click(`${form} >>> button[type="submit"]`);
    await page.waitForFunction(
      (t) => [...document.querySelectorAll('#sent li')].some((li) => li.textContent === `compliment: ${t}`),
      { polling: 100, timeout: 20_000 },
      text,
    );
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('a[href]'),
      { polling: 100, timeout: 20_000 },
      form,
    );
    const link = await page.$eval(`${form} >>> a[href]`, (a) => (a as HTMLAnchorElement).href);
    const receipt = new URL(link).searchParams.get('voc-receipt')!;
    assert.match(receipt, /^[A-Za-z0-9_-]{16,64}$/);
    assert.deepEqual(problems, []);

    const inbox = (await (await fetch(`${base}/v1/admin/sites/shop/inbox`, { headers: team })).json()) as {
      items: Array<{ text: string; kind: string; contact?: { email: string } }>;
    };
    const mine = inbox.items.filter((i) => i.text === text);
    assert.equal(mine.length, 1, 'the submission reached the server once');
    assert.equal(mine[0].kind, 'compliment');
    assert.equal(mine[0].contact?.email, email);

    // the customer looks their thread up by receipt; the team exports by email (both URLs carry the secret)
    assert.equal((await fetch(`${base}/v1/threads/${receipt}`)).status, 200);
    assert.equal((await fetch(`${base}/v1/admin/export?email=${encodeURIComponent(email)}`, { headers: team })).status, 200);
    const submissions = await (await fetch(`${base}/metrics`, { headers: team })).text();
    assert.match(submissions, /^voc_submissions_total\{site="shop"\} 1$/m);

    // JSON lines from Fastify's logger: the requests are there, the secrets are not
    const lines = log.split('\n').filter((l) => l.startsWith('{'));
    assert.ok(
      lines.some((l) => JSON.parse(l).req?.url === '/v1/threads/…'),
      'the receipt lookup is logged, without the receipt',
    );
    assert.ok(
      lines.some((l) => /"url":"\/v1\/admin\/export\?email=…"/.test(l)),
      'the export is logged, without the address',
    );
    assert.ok(lines.some((l) => JSON.parse(l).req?.url === '/v1/sites/shop/feedback'));
    for (const secret of [email, encodeURIComponent(email), receipt, signInToken, owner])
      assert.ok(
        !log
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .some((l) => l.includes(secret)),
        `a log line holds ${secret}`,
      );
  });

  test("the owner's console shows the customer's feedback in the inbox", async () => {
    assert.ok(ownerConsole, 'the sign-in test ran first');
    await ownerConsole.reload({ waitUntil: 'load' });
    const shown = await consoleShows(ownerConsole, /Packed and installed: the parcel lockers are great/);
    assert.match(shown, /Signed in as Owner/, 'still signed in after a reload (the session cookie)');
  });
});
