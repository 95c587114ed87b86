import { html, nothing, type TemplateResult } from 'lit';
import { KINDS, type Kind } from '@voc-kit/protocol/model.js';
import type { TermSelectDetail } from '@voc-kit/cloud';
import { signature } from '@voc-kit/protocol/team.js';
import type { TeamItem } from '@voc-kit/adapter-http/team-client.js';
import type { ConsoleStrings } from '../strings.js';
import type { Detail, VocTeamConsole } from '../team-console.js';

const STATUSES = ['received', 'pending', 'heard', 'replied', 'resolved', 'reopened', 'hidden'] as const;

export function renderInbox(c: VocTeamConsole) {
  const canAct = c.can('agent');
  return html`${renderFilters(c)}
    <div class="split">
      <section class="list" aria-labelledby="items-h">
        <h2 id="items-h">
          ${c.t('items')} <span class="muted">${c.t('itemCount', { count: c.items.length })}</span>
          ${c.fresh ? html`<span class="muted">· ${c.t('newItems', { count: c.fresh })}</span>` : nothing}
        </h2>
        ${
          canAct
            ? html`<form class="group" @submit=${c.groupSelected} aria-label=${c.t('group')}>
                <span>${c.t('selected', { count: c.selected.size })}</span>
                <button type="button" @click=${() => (c.selected = new Set(c.items.map((i) => i.id)))}>${c.t('selectAll')}</button>
                <label for="group-topic">${c.t('topicSlug')}</label>
                <input
                  id="group-topic"
                  name="topic"
                  required
                  maxlength="64"
                  pattern="[a-z0-9]+(-[a-z0-9]+)*"
                  .value=${c.filter.term?.replace(/\s+/g, '-').toLowerCase() ?? ''}
                />
                <label for="group-title">${c.t('topicTitle')}</label>
                <input id="group-title" name="title" maxlength="200" />
                <button type="submit" class="primary" ?disabled=${c.selected.size === 0}>
                  ${c.t('groupButton', { count: c.selected.size })}
                </button>
              </form>`
            : html`<p class="muted">${c.t('readOnly')}</p>`
        }
        ${c.items.length === 0 ? html`<p>${c.t('none')}</p>` : nothing}
        <ol class="items">
          ${c.items.map((item, i) => renderRow(c, item, i))}
        </ol>
        ${c.next ? html`<button type="button" @click=${c.more}>${c.t('loadMore')}</button>` : nothing}
      </section>
      ${c.detail ? renderDetail(c, c.detail) : renderTerms(c)}
    </div>`;
}

export function renderFilters(c: VocTeamConsole) {
  const f = c.filter;
  const check = (flag: 'contact' | 'awaiting' | 'reopened', label: keyof ConsoleStrings & string) =>
    html`<label class="check"
      ><input
        type="checkbox"
        .checked=${!!f[flag]}
        @change=${(e: Event) => c.setFilter({ [flag]: (e.target as HTMLInputElement).checked })}
      />
      ${c.t(label)}</label
    >`;
  return html`<form
      class="filters"
      role="search"
      @submit=${(e: Event) => {
        e.preventDefault();
        c.setFilter({ q: (c.renderRoot.querySelector('#search') as HTMLInputElement).value.trim() || undefined });
      }}
    >
      <label for="search">${c.t('search')}</label>
      <input id="search" type="search" .value=${f.q ?? ''} maxlength="200" />
      <label
        >${c.t('kind')}
        <select @change=${(e: Event) => c.setFilter({ kind: ((e.target as HTMLSelectElement).value || undefined) as Kind | undefined })}>
          <option value="">${c.t('anyKind')}</option>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${f.kind === k}>${c.t(k)}</option>`)}
        </select>
      </label>
      <label
        >${c.t('status')}
        <select @change=${(e: Event) => c.setFilter({ status: (e.target as HTMLSelectElement).value || undefined })}>
          <option value="">${c.t('anyStatus')}</option>
          ${STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${c.t(`st_${s}`)}</option>`)}
        </select>
      </label>
      ${check('contact', 'hasContact')} ${check('awaiting', 'awaiting')} ${check('reopened', 'reopened')}
      <button type="submit">${c.t('search')}</button>
      <button
        type="button"
        @click=${() => {
          const name = c.filter.q ?? c.filter.term ?? c.filter.kind ?? c.t('inbox');
          c.writeViews([...c.savedViews.filter((v) => v.name !== name), { name, filter: c.filter }]);
        }}
      >
        ${c.t('saveView')}
      </button>
    </form>
    ${
      c.savedViews.length
        ? html`<ul class="views" aria-label=${c.t('savedViews')}>
            ${c.savedViews.map(
              (v) =>
                html`<li>
                  <button
                    type="button"
                    @click=${() => c.setFilter({ ...Object.fromEntries(Object.keys(c.filter).map((k) => [k, undefined])), ...v.filter })}
                  >
                    ${v.name}
                  </button>
                  <button
                    type="button"
                    aria-label=${c.t('removeView', { name: v.name })}
                    @click=${() => c.writeViews(c.savedViews.filter((x) => x !== v))}
                  >
                    ×
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }`;
}

/** `<voc-cloud>` loads the first time the inbox shows it, in its own chunk (not in the console's first load). */
let cloudLoad: Promise<unknown> | undefined;

export function renderTerms(c: VocTeamConsole) {
  cloudLoad ??= import('@voc-kit/cloud/define.js').catch((error: unknown) => {
    cloudLoad = undefined;
    c.failure = String(error);
  });
  const term = c.filter.term;
  return html`<section class="terms" aria-labelledby="terms-h">
    <h2 id="terms-h">${c.t('terms')}</h2>
    <voc-cloud
      max-terms="60"
      .adapter=${c.cloudAdapter}
      @voc-term-select=${(e: CustomEvent<TermSelectDetail>) => {
        // the inbox shows the items that use the term: no quotes panel beside it
        e.preventDefault();
        c.setFilter({ term: c.filter.term === e.detail.term.term ? undefined : e.detail.term.term });
      }}
    ></voc-cloud>
    <p class="chosen" role="status">
      ${
        term
          ? html`<span>${c.t('termChosen', { term })}</span>
              <button type="button" @click=${() => c.setFilter({ term: undefined })}>${c.t('clearTerm')}</button>`
          : nothing
      }
    </p>
    ${
      c.suggestions.length
        ? html`<h3>${c.t('suggestions')}</h3>
            <ul class="suggestions">
              ${c.suggestions.map(
                (s) =>
                  html`<li>
                    ${c.t('suggestion', { count: s.ids.length, term: s.term })}
                    ${s.shared.length ? html`<span class="muted">(${c.t('suggestionWhy', { terms: s.shared.join(', ') })})</span>` : nothing}
                    <button type="button" @click=${() => c.setFilter({ term: s.term })}>${c.t('useSuggestion')}</button>
                  </li>`,
              )}
            </ul>`
        : nothing
    }
  </section>`;
}

export function renderRow(c: VocTeamConsole, item: TeamItem, i: number) {
  const current = i === c.current;
  return html`<li
    id="item-${i}"
    part="item"
    class="item ${item.kind} ${current ? 'current' : ''}"
    aria-current=${current ? 'true' : 'false'}
  >
    <input type="checkbox" aria-label=${c.t('select')} .checked=${c.selected.has(item.id)} @change=${() => c.toggle(item.id)} />
    <button
      type="button"
      class="open"
      @click=${() => {
        c.current = i;
        void c.openItem(item.id);
      }}
      @focus=${() => (c.current = i)}
    >
      <span class="kind">${c.t(item.kind)}</span>
      <span class="text">${c.said(item.text, item.locale)}</span>
    </button>
    <span class="meta">
      <span>${item.topic ?? c.t('noTopic')}</span>
      ${item.pageUrl ? html`<span>${item.pageUrl}</span>` : nothing} ${item.locale ? html`<span>${item.locale}</span>` : nothing}
      <time datetime=${item.createdAt}>${c.i18n.relative(item.createdAt)}</time>
      <span class="status">${itemStatus(c, item)}</span>
      ${
        c.can('agent')
          ? item.status === 'hidden'
            ? html`<button
                type="button"
                class="link"
                aria-label=${c.t('restoreItem', { text: c.said(item.text, item.locale).slice(0, 60) })}
                @click=${() => c.act('restore', item.id)}
              >
                ${c.t('restore')}
              </button>`
            : html`<button
                type="button"
                class="link"
                aria-label=${c.t('hideItem', { text: c.said(item.text, item.locale).slice(0, 60) })}
                @click=${() => c.act('hide', item.id)}
              >
                ${c.t('hide')}
              </button>`
          : nothing
      }
    </span>
  </li>`;
}

export function itemStatus(c: VocTeamConsole, item: TeamItem) {
  if (item.kind === 'complaint' && item.status === 'replied') return c.t('awaitingCustomer');
  return c.t(`st_${item.status}` as keyof ConsoleStrings & string);
}

export function renderDetail(c: VocTeamConsole, d: Detail): TemplateResult {
  const f = d.feedback;
  const canAct = c.can('agent');
  return html`<section class="detail" aria-labelledby="detail-heading">
    <h2 id="detail-heading" tabindex="-1">${c.t('detail')}</h2>
    <button type="button" @click=${() => (c.detail = undefined)}>${c.t('closeDetail')}</button>
    <p class="kind ${f.kind}">${c.t(f.kind)} · ${itemStatus(c, f)}</p>
    <blockquote class="story">${c.said(f.text, f.locale)}</blockquote>
    <dl>
      <dt>${c.t('topics')}</dt>
      <dd>${d.topic?.title ?? c.t('noTopic')}</dd>
      ${
        f.pageUrl
          ? html`<dt>${c.t('page')}</dt>
              <dd>${f.pageUrl}</dd>`
          : nothing
      }
      ${
        f.locale
          ? html`<dt>${c.t('locale')}</dt>
              <dd>${f.locale}</dd>`
          : nothing
      }
      ${
        f.contact
          ? html`<dt>${c.t('contact')}</dt>
              <dd>${f.contact.email}</dd>`
          : nothing
      }
      <dt>${c.t('when')}</dt>
      <dd><time datetime=${f.createdAt}>${c.i18n.date(f.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time></dd>
    </dl>
    <h3>${c.t('thread')}</h3>
    <ol class="thread">
      ${d.entries.map((e) =>
        e.type === 'reply'
          ? html`<li class="reply">
              <strong>${e.author ?? ''}</strong> <time datetime=${e.at}>${c.i18n.relative(e.at)}</time>
              <p>${e.text}</p>
            </li>`
          : html`<li class="confirmation ${e.resolved ? 'resolved' : 'reopened'}">
              <strong>${e.resolved ? c.t('confirmedResolved') : c.t('confirmedNot')}</strong>
              <time datetime=${e.at}>${c.i18n.relative(e.at)}</time>${e.comment ? html`<p>${e.comment}</p>` : nothing}
            </li>`,
      )}
    </ol>
    ${f.kind === 'complaint' ? html`<p class="muted">${c.t('noClose')}</p>` : nothing}
    ${
      canAct
        ? html`<form @submit=${c.sendReply}>
              <label for="reply">${c.t('replyLabel', { name: signature(c.actor!) })}</label>
              <textarea id="reply" name="reply" required maxlength="4000" rows="4"></textarea>
              <button type="submit" class="primary">${c.t('send')}</button>
            </form>
            <div class="actions">
              <button type="button" @click=${() => c.act('heard', f.id)}>${c.t('markHeard')}</button>
              ${
                f.status === 'hidden'
                  ? html`<button type="button" @click=${() => c.act('restore', f.id)}>${c.t('restore')}</button>`
                  : html`<button type="button" @click=${() => c.act('hide', f.id)}>${c.t('hide')}</button>`
              }
              ${f.status === 'pending' ? html`<button type="button" @click=${() => c.act('approve', f.id)}>${c.t('approve')}</button>` : nothing}
            </div>`
        : html`<p class="muted">${c.t('readOnly')}</p>`
    }
    ${
      d.earlier.length
        ? html`<h3>${c.t('earlier')}</h3>
            <ul class="earlier">
              ${d.earlier.map(
                (e) =>
                  html`<li>
                    <button type="button" class="link" @click=${() => c.openItem(e.id)}>${c.t(e.kind)}: ${e.text}</button>
                    <time datetime=${e.createdAt}>${c.i18n.relative(e.createdAt)}</time>
                  </li>`,
              )}
            </ul>`
        : nothing
    }
  </section>`;
}
