// A page with one <voc-feedback-form> on the local adapter, for tests that need real reloads and real tabs.
// ?site=…&mode=online|offline|lost&page=name. Each submit attempt is reported to the parent test page.
import { LocalAdapter } from '@voc-kit/adapter-local';
import { NetworkError } from '@voc-kit/protocol/errors.js';
import type { FeedbackDraft } from '@voc-kit/protocol/model.js';
import '../src/define.js';

const params = new URLSearchParams(location.search);
document.addEventListener('securitypolicyviolation', (e) =>
  parent.postMessage({ type: 'voc-test-csp', page: params.get('page'), directive: e.violatedDirective, blocked: e.blockedURI }, '*'),
);
const local = new LocalAdapter({ site: params.get('site')! });
const adapter = Object.create(local) as LocalAdapter;
adapter.submit = async (draft: FeedbackDraft, key: string) => {
  parent.postMessage({ type: 'voc-test-submit', key, page: params.get('page'), mode: params.get('mode') }, '*');
  if (params.get('mode') === 'offline') throw new NetworkError();
  if (params.get('mode') === 'lost') {
    await local.submit(draft, key); // the server stores it, the answer never arrives
    throw new NetworkError();
  }
  return local.submit(draft, key);
};
const form = document.createElement('voc-feedback-form');
form.site = params.get('site')!;
form.adapter = adapter;
document.body.append(form);
