// Lists the form's events (as text, never markup), so the demo shows what a page can listen to.
const log = document.getElementById('event-log');
for (const type of ['voc-submit', 'voc-queued', 'voc-submitted', 'voc-error']) {
  document.addEventListener(type, (event) => {
    const form = event.target.id || event.target.localName;
    const { detail } = event;
    const summary = type === 'voc-error' ? `${detail.code}: ${detail.reason}` : `${(detail.draft ?? detail).kind}`;
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${type} from #${form} — ${summary}`;
    log.prepend(item);
  });
}
