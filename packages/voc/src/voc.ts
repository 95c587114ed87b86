/**
 * The script-tag entry of VoC Kit: `<script type="module" src="…/voc.js"></script>`.
 * It is only an autoloader: each element's code (and Lit) loads the first time its tag appears in the page,
 * from chunks beside this file, so a page pays only for the elements it uses.
 */
const loaders: Record<string, () => Promise<unknown>> = {
  'voc-feedback-form': () => import('@voc-kit/feedback-form/define.js'),
  'voc-cloud': () => import('@voc-kit/cloud/define.js'),
  'voc-status-feed': () => import('@voc-kit/status-feed/define.js'),
  'voc-pulse': () => import('@voc-kit/pulse/define.js'),
};

const loading = new Map<string, Promise<unknown>>();

/** Loads the element behind `tag` once; resolves when it is defined. */
export function load(tag: string): Promise<unknown> {
  const loader = loaders[tag];
  if (!loader) return Promise.reject(new Error(`VocKit: unknown element <${tag}>`));
  let pending = loading.get(tag);
  if (!pending) {
    pending = loader().catch((error) => {
      loading.delete(tag); // let a later appearance try again (e.g. after a network blip)
      console.error(`VocKit: could not load <${tag}>`, error);
    });
    loading.set(tag, pending);
  }
  return pending;
}

const selector = Object.keys(loaders).join(',');

/**
 * A `launcher` form is only a button until the customer shows interest: it gets a plain button at once (about
 * 1 kB, no Lit), and the form loads on hover, focus, touch or click (at once when the page has an inline form too).
 */
function arrive(el: Element): void {
  if (customElements.get(el.localName)) return;
  if (el.localName !== 'voc-feedback-form' || !el.hasAttribute('launcher') || loading.has(el.localName)) return void load(el.localName);
  // the form and its dialog load side by side: the form renders a launcher once its dialog is here
  const form = () => Promise.all([load('voc-feedback-form'), import('@voc-kit/feedback-form/dialog.js')]);
  import('@voc-kit/feedback-form/launcher.js').then(
    (m) => m.drawLauncher(el as HTMLElement, form),
    () => void form(),
  );
}

/** Loads every VoC Kit element used under `root` (call it for shadow roots the observer cannot see). */
export function discover(root: ParentNode = document): void {
  if (root instanceof Element && root.matches(selector)) arrive(root);
  for (const el of root.querySelectorAll(selector)) arrive(el);
}

/*
 * Each element's box before its code arrives, so the page does not move when it renders: about the height of its
 * first render in English at 16 px (the form with its default fields, the cloud's bar and its 3:2 area, the status
 * feed's heading, filters, loading line and the placeholder rows of a page of items). Specificity 0 (:where), so any rule of the page wins; one constructable
 * sheet, which a strict CSP allows. Browsers without constructable sheets simply show the boxes when they render.
 */
// Only in a browser: imported in Node (server-side rendering, a build step) the module does nothing.
if (typeof document !== 'undefined') {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      `:where(voc-feedback-form,voc-cloud,voc-status-feed,voc-pulse):not(:defined){display:block}` +
        `:where(voc-feedback-form:not(:defined):not([launcher])){max-width:36rem;height:25.5rem}` +
        `:where(voc-cloud:not(:defined):not([wall])){padding-top:calc(100%/(var(--voc-cloud-aspect,3/2)));height:2.15rem}` +
        `:where(voc-status-feed:not(:defined)){height:74.94rem}`,
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // no constructable stylesheets (older browsers): nothing is reserved
  }

  discover();
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) discover(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
}
