// Preloaded into a server by `bench-server.mjs --profile <dir>` (node --import): SIGUSR2 starts a V8 CPU profile of
// the main thread, the next SIGUSR2 writes it to VOC_PROFILE_DIR as <VOC_PROFILE_NAME>-<n>.cpuprofile, so a profile
// covers one measured run and nothing of the start-up.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const session = new Session();
session.connect();
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
let running = false;
let n = 0;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    void post('Profiler.enable').then(() => post('Profiler.start'));
    return;
  }
  running = false;
  void post('Profiler.stop').then(({ profile }) => {
    const file = join(process.env.VOC_PROFILE_DIR ?? '.', `${process.env.VOC_PROFILE_NAME ?? 'server'}-${++n}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    process.stdout.write(`profile written: ${file}\n`);
  });
});
