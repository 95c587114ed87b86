import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { VocElement } from '@voc-kit/core/element.js';
import { Localizer } from '@voc-kit/core/i18n.js';
import { base } from '@voc-kit/core/tokens.js';
import { INCIDENT_STATUSES, KINDS, TOPIC_STATUSES, type Kind, type Thread, type Topic } from '@voc-kit/protocol/model.js';
import {
  TEAM_ROLES,
  roleAllows,
  signature,
  type AuditEntry,
  type TeamActor,
  type TeamMember,
  type TeamRole,
} from '@voc-kit/protocol/team.js';
import { TeamClient, type InboxQuery, type Suggestion, type TeamItem, type TeamSite } from '@voc-kit/adapter-http/team-client.js';
import { SHORTCUTS, shortcutOf, type ShortcutAction } from './shortcuts.js';
import { loaders, strings, type ConsoleStrings } from './strings.js';
import { styles } from './team-console.styles.js';

type View = 'inbox' | 'topics' | 'incident' | 'team' | 'audit' | 'mailbox';
const VIEWS: View[] = ['inbox', 'topics', 'incident', 'team', 'audit', 'mailbox'];
const STATUSES = ['received', 'pending', 'heard', 'replied', 'resolved', 'reopened', 'hidden'] as const;
const CHECKS = ['sorryStart', 'sorryEnd', 'cause', 'next', 'follow', 'makeUp'] as const;
/** Saved filters only (never tokens: the session is an HttpOnly cookie). */
const SAVED_VIEWS_KEY = 'voc-team-console:views';

type Filter = Omit<InboxQuery, 'cursor' | 'limit'>;
type Detail = Thread & { feedback: TeamItem; earlier: TeamItem[] };

/**
 * The team's console: sign in, triage the inbox by keyboard, read the customer's story, group items into topics by
 * what customers say, reply, announce, move topics, publish incidents, manage members and read the audit log.
 * Talks to the same-origin reference server (`/v1/team`) with an HttpOnly session cookie.
 *
 * @csspart item - one inbox row
 * @cssprop --voc-team-console-accent - colour of the current row's marker
 */
export class VocTeamConsole extends VocElement {
  static override styles = [base, styles];
  static override properties: PropertyDeclarations = {
    ...VocElement.properties,
    actor: { state: true },
    member: { state: true },
    view: { state: true },
    sites: { state: true },
    siteKey: { state: true },
    filter: { state: true },
    items: { state: true },
    next: { state: true },
    current: { state: true },
    selected: { state: true },
    detail: { state: true },
    terms: { state: true },
    suggestions: { state: true },
    topicList: { state: true },
    members: { state: true },
    inviteResult: { state: true },
    auditEntries: { state: true },
    savedViews: { state: true },
    notice: { state: true },
    failure: { state: true },
    checks: { state: true },
    fresh: { state: true },
    busy: { state: true },
  };

  readonly i18n = new Localizer<ConsoleStrings>(this, strings, loaders);
  /** The team API client (same origin, session cookie). */
  client = new TeamClient();

  protected actor?: TeamActor | null;
  protected member?: TeamMember;
  protected view: View = 'inbox';
  protected sites: TeamSite[] = [];
  protected siteKey = '';
  protected filter: Filter = {};
  protected items: TeamItem[] = [];
  protected next?: string;
  protected current = 0;
  protected selected = new Set<string>();
  protected detail?: Detail;
  protected terms: Array<{ term: string; count: number; counts: Record<Kind, number> }> = [];
  protected suggestions: Suggestion[] = [];
  protected topicList: Topic[] = [];
  protected members: TeamMember[] = [];
  protected inviteResult?: { name: string; url: string };
  protected auditEntries: AuditEntry[] = [];
  protected savedViews: Array<{ name: string; filter: Filter }> = [];
  protected notice = '';
  protected failure = '';
  protected checks = new Set<string>();
  protected fresh = 0;
  protected busy = false;
  private events?: EventSource;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
    this.events?.close();
  }

  private t(key: keyof ConsoleStrings & string, values?: Record<string, string | number>) {
    return this.i18n.t(key, values);
  }

  private async start() {
    // a sign-in link (`/console#token=…`): exchange it once, then take it out of the address bar and history
    const hash = typeof location === 'undefined' ? '' : location.hash;
    const token = /^#token=([A-Za-z0-9_.~+/=-]{1,256})$/.exec(hash)?.[1];
    if (token) {
      history.replaceState(null, '', location.pathname + location.search);
      await this.guard(() => this.client.signIn(token));
    }
    try {
      const me = await this.client.me();
      this.actor = me.actor;
      this.member = me.member;
    } catch {
      this.actor = null;
      return;
    }
    await this.afterSignIn();
  }

  private async afterSignIn() {
    this.savedViews = this.readViews();
    const { sites } = await this.client.sites();
    this.sites = sites;
    this.siteKey = sites.find((s) => s.key === this.site)?.key ?? sites[0]?.key ?? '';
    await this.reload();
    this.listen();
  }

  private can(role: TeamRole) {
    return !!this.actor && roleAllows(this.actor.role, role);
  }

  /** Runs a call; shows its error in the alert region instead of throwing. */
  private async guard<T>(fn: () => Promise<T>): Promise<T | undefined> {
    this.failure = '';
    this.busy = true;
    try {
      return await fn();
    } catch (error) {
      this.failure = this.t('error', { message: (error as Error).message });
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private listen() {
    this.events?.close();
    if (!this.siteKey || typeof EventSource === 'undefined') return;
    this.events = new EventSource(this.client.eventsUrl(this.siteKey));
    const onEvent = (e: MessageEvent) => {
      let type = '';
      try {
        type = (JSON.parse(e.data as string) as { type: string }).type;
      } catch {
        return;
      }
      if (type === 'feedback') {
        this.fresh += 1;
        if (!this.filter.q && !this.filter.term && this.current === 0) void this.reload(false);
      }
      if (type === 'thread' && this.detail) void this.openItem(this.detail.feedback.id, false);
      if (type === 'thread' || type === 'topic') void this.reload(false);
    };
    this.events.addEventListener('message', onEvent);
  }

  // ——— data ———

  private async reload(full = true) {
    if (!this.siteKey) return;
    const page = await this.guard(() => this.client.inbox(this.siteKey, this.filter));
    if (page) {
      this.items = page.items;
      this.next = page.next;
      this.current = Math.min(this.current, Math.max(page.items.length - 1, 0));
    }
    if (!full) return;
    const [terms, sug] = await Promise.all([
      this.guard(() => this.client.terms(this.siteKey, { ...this.filter, term: undefined })),
      this.guard(() => this.client.suggestions(this.siteKey)),
    ]);
    this.terms = terms?.terms ?? [];
    this.suggestions = sug?.suggestions ?? [];
  }

  private async more() {
    if (!this.next) return;
    const page = await this.guard(() => this.client.inbox(this.siteKey, { ...this.filter, cursor: this.next }));
    if (page) {
      this.items = [...this.items, ...page.items];
      this.next = page.next;
    }
  }

  private async openItem(id: string, focus = true) {
    const detail = await this.guard(() => this.client.item(this.siteKey, id));
    if (!detail) return;
    this.detail = detail;
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
    }
  }

  private setFilter(patch: Partial<Filter>) {
    this.filter = { ...this.filter, ...patch };
    this.current = 0;
    this.selected = new Set();
    this.fresh = 0;
    void this.reload(!('term' in patch));
  }

  private async show(view: View) {
    this.view = view;
    this.notice = '';
    if (view === 'topics') this.topicList = (await this.guard(() => this.client.topics(this.siteKey)))?.topics ?? [];
    if (view === 'team' && this.can('owner')) this.members = (await this.guard(() => this.client.members()))?.members ?? [];
    if (view === 'audit' && this.can('owner')) this.auditEntries = (await this.guard(() => this.client.audit()))?.entries ?? [];
  }

  private readViews(): Array<{ name: string; filter: Filter }> {
    try {
      const parsed = JSON.parse(localStorage.getItem(SAVED_VIEWS_KEY) ?? '[]') as unknown;
      return Array.isArray(parsed) ? (parsed as Array<{ name: string; filter: Filter }>) : [];
    } catch {
      return [];
    }
  }

  private writeViews(views: Array<{ name: string; filter: Filter }>) {
    this.savedViews = views;
    try {
      localStorage.setItem(SAVED_VIEWS_KEY, JSON.stringify(views));
    } catch {
      // storage full or blocked: the views last for this visit
    }
  }

  // ——— actions ———

  private async act(action: 'heard' | 'hide' | 'restore' | 'approve', id = this.items[this.current]?.id) {
    if (!id || !this.can('agent')) return;
    const item = await this.guard(() => this.client.act(this.siteKey, id, action));
    if (!item) return;
    this.items = this.items.map((i) => (i.id === id ? item : i));
    this.notice = this.t(`st_${item.status}` as keyof ConsoleStrings & string);
    if (this.detail?.feedback.id === id) await this.openItem(id, false);
  }

  private async sendReply(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = (form.elements.namedItem('reply') as HTMLTextAreaElement).value.trim();
    if (!text || !this.detail) return;
    const id = this.detail.feedback.id;
    if (await this.guard(() => this.client.reply(this.siteKey, id, text))) {
      form.reset();
      this.notice = this.t('sent');
      await this.openItem(id, false);
      await this.reload(false);
    }
  }

  private async groupSelected(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const topic = (form.elements.namedItem('topic') as HTMLInputElement).value.trim();
    const title = (form.elements.namedItem('title') as HTMLInputElement).value.trim();
    if (!topic || this.selected.size === 0) return;
    const result = await this.guard(() => this.client.group(this.siteKey, { topic, ...(title && { title }), ids: [...this.selected] }));
    if (result) {
      this.notice = this.t('grouped', { count: result.grouped, topic: result.topic.title });
      this.selected = new Set();
      form.reset();
      await this.reload();
    }
  }

  private async moveTopic(e: Event, slug: string) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value as Topic['status'];
    const message = (form.elements.namedItem('message') as HTMLInputElement).value.trim();
    const topic = await this.guard(() => this.client.moveTopic(this.siteKey, slug, { status, ...(message && { message }) }));
    if (topic) {
      this.notice = this.t('moved', { status: this.statusName(status) });
      this.topicList = this.topicList.map((t) => (t.slug === slug ? topic : t));
      form.reset();
    }
  }

  private async announce(e: Event, slug: string) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const title = (form.elements.namedItem('title') as HTMLInputElement).value.trim();
    const body = (form.elements.namedItem('body') as HTMLTextAreaElement).value.trim();
    if (!title || !body) return;
    const result = await this.guard(() => this.client.announce(this.siteKey, slug, { title, body }));
    if (result) {
      this.notice = this.t('announced', { count: result.followers });
      form.reset();
    }
  }

  private async openIncident(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const get = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
    const topic = await this.guard(() =>
      this.client.openIncident(this.siteKey, {
        slug: get('slug'),
        title: get('title'),
        status: get('status') as (typeof INCIDENT_STATUSES)[number],
        message: get('message'),
      }),
    );
    if (topic) {
      this.notice = this.t('incidentOpened');
      this.checks = new Set();
      form.reset();
    }
  }

  private async inviteMember(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const get = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
    const result = await this.guard(() => this.client.invite({ name: get('name'), title: get('title'), role: get('role') as TeamRole }));
    if (result) {
      this.inviteResult = { name: result.member.name, url: result.invite.url };
      this.members = [...this.members, result.member];
      form.reset();
    }
  }

  private async removeMember(m: TeamMember) {
    if (await this.guard(() => this.client.removeMember(m.id)).then(() => !this.failure))
      this.members = this.members.filter((x) => x.id !== m.id);
  }

  private async signInWith(e: Event) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    // a pasted sign-in link works as well as the bare token
    const token = input.value.trim().replace(/^.*#token=/, '');
    const ok = await this.guard(() => this.client.signIn(token));
    input.value = '';
    if (!ok) return;
    const me = await this.guard(() => this.client.me());
    if (!me) return;
    this.actor = me.actor;
    this.member = me.member;
    await this.afterSignIn();
  }

  private async signOut() {
    await this.guard(() => this.client.signOut());
    this.events?.close();
    this.actor = null;
    this.items = [];
    this.detail = undefined;
  }

  // ——— keyboard ———

  private onKey = (e: KeyboardEvent) => {
    const target = e.composedPath()[0] as HTMLElement;
    if (e.key === 'Escape') {
      if (this.detail) {
        this.detail = undefined;
        void this.focusCurrent();
      }
      return;
    }
    if (!this.actor || this.view !== 'inbox' || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
    const action = shortcutOf(e);
    if (!action) return;
    e.preventDefault();
    this.run(action);
  };

  private run(action: ShortcutAction) {
    const item = this.items[this.current];
    switch (action) {
      case 'next':
      case 'previous':
        this.current = Math.max(0, Math.min(this.items.length - 1, this.current + (action === 'next' ? 1 : -1)));
        void this.focusCurrent();
        break;
      case 'select':
        if (item) this.toggle(item.id);
        break;
      case 'open':
        if (item) void this.openItem(item.id);
        break;
      case 'reply':
        if (item) void this.openItem(item.id).then(() => this.focusField('#reply'));
        break;
      case 'topic':
        if (item && this.selected.size === 0) this.toggle(item.id);
        this.focusField('#group-topic');
        break;
      case 'heard':
        void this.act('heard');
        break;
      case 'hide':
        void this.act('hide');
        break;
      case 'search':
        this.focusField('#search');
        break;
      case 'help':
        this.renderRoot.querySelector<HTMLDialogElement>('#help')?.showModal();
        break;
    }
  }

  private toggle(id: string) {
    const next = new Set(this.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.selected = next;
  }

  private async focusCurrent() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#item-${this.current} .open`)?.focus();
  }

  private focusField(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  // ——— render ———

  private statusName(status: string) {
    const key = ((TOPIC_STATUSES as readonly string[]).includes(status) ? `ts_${status}` : `is_${status}`) as keyof ConsoleStrings & string;
    return this.t(key);
  }

  override render() {
    const dir = this.i18n.dir;
    return html`<div class="console" dir=${dir} lang=${this.i18n.locale}>
      <p class="live" role="status" aria-live="polite">${this.notice}</p>
      ${this.failure ? html`<p class="failure" role="alert">${this.failure}</p>` : nothing}
      ${this.actor === undefined ? html`<p>${this.t('loading')}</p>` : this.actor === null ? this.renderSignIn() : this.renderConsole()}
      ${this.renderHelp()}
    </div>`;
  }

  private renderSignIn() {
    return html`<main class="signin">
      <h1>${this.t('signInTitle')}</h1>
      <p>${this.t('signInHelp')}</p>
      <form @submit=${this.signInWith}>
        <label for="token">${this.t('token')}</label>
        <input id="token" name="token" type="password" autocomplete="off" required />
        <button type="submit" class="primary">${this.t('signIn')}</button>
      </form>
    </main>`;
  }

  private renderConsole() {
    const a = this.actor!;
    return html`<header class="top">
        <h1>${this.t('title')}</h1>
        <label class="site"
          >${this.t('site')}
          <select
            @change=${(e: Event) => {
              this.siteKey = (e.target as HTMLSelectElement).value;
              this.detail = undefined;
              void this.reload();
              this.listen();
            }}
          >
            ${this.sites.map((s) => html`<option value=${s.key} ?selected=${s.key === this.siteKey}>${s.name}</option>`)}
          </select>
        </label>
        <span class="me">${this.t('signedInAs', { name: signature(a), role: this.t(`role_${a.role}`) })}</span>
        <button type="button" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('#help')?.showModal()}>
          ${this.t('help')}
        </button>
        <button type="button" @click=${this.signOut}>${this.t('signOut')}</button>
      </header>
      <nav aria-label=${this.t('views')}>
        ${VIEWS.filter((v) => (v === 'team' || v === 'audit' ? this.can('owner') : v === 'incident' ? this.can('agent') : true)).map(
          (v) =>
            html`<button type="button" aria-current=${this.view === v ? 'page' : 'false'} @click=${() => void this.show(v)}>
              ${this.t(v)}
            </button>`,
        )}
      </nav>
      <main>
        ${
          this.view === 'inbox'
            ? this.renderInbox()
            : this.view === 'topics'
              ? this.renderTopics()
              : this.view === 'incident'
                ? this.renderIncident()
                : this.view === 'team'
                  ? this.renderTeam()
                  : this.view === 'audit'
                    ? this.renderAudit()
                    : html`<h2>${this.t('mailbox')}</h2>
                        <p>${this.t('mailboxHelp')}</p>`
        }
      </main>`;
  }

  private renderFilters() {
    const f = this.filter;
    const check = (flag: 'contact' | 'awaiting' | 'reopened', label: keyof ConsoleStrings & string) =>
      html`<label class="check"
        ><input
          type="checkbox"
          .checked=${!!f[flag]}
          @change=${(e: Event) => this.setFilter({ [flag]: (e.target as HTMLInputElement).checked })}
        />
        ${this.t(label)}</label
      >`;
    return html`<form
        class="filters"
        role="search"
        @submit=${(e: Event) => {
          e.preventDefault();
          this.setFilter({ q: (this.renderRoot.querySelector('#search') as HTMLInputElement).value.trim() || undefined });
        }}
      >
        <label for="search">${this.t('search')}</label>
        <input id="search" type="search" .value=${f.q ?? ''} maxlength="200" />
        <label
          >${this.t('kind')}
          <select
            @change=${(e: Event) => this.setFilter({ kind: ((e.target as HTMLSelectElement).value || undefined) as Kind | undefined })}
          >
            <option value="">${this.t('anyKind')}</option>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${f.kind === k}>${this.t(k)}</option>`)}
          </select>
        </label>
        <label
          >${this.t('status')}
          <select @change=${(e: Event) => this.setFilter({ status: (e.target as HTMLSelectElement).value || undefined })}>
            <option value="">${this.t('anyStatus')}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${this.t(`st_${s}`)}</option>`)}
          </select>
        </label>
        ${check('contact', 'hasContact')} ${check('awaiting', 'awaiting')} ${check('reopened', 'reopened')}
        <button type="submit">${this.t('search')}</button>
        <button
          type="button"
          @click=${() => {
            const name = this.filter.q ?? this.filter.term ?? this.filter.kind ?? this.t('inbox');
            this.writeViews([...this.savedViews.filter((v) => v.name !== name), { name, filter: this.filter }]);
          }}
        >
          ${this.t('saveView')}
        </button>
      </form>
      ${
        this.savedViews.length
          ? html`<ul class="views" aria-label=${this.t('savedViews')}>
              ${this.savedViews.map(
                (v) =>
                  html`<li>
                    <button
                      type="button"
                      @click=${() => this.setFilter({ ...Object.fromEntries(Object.keys(this.filter).map((k) => [k, undefined])), ...v.filter })}
                    >
                      ${v.name}
                    </button>
                    <button
                      type="button"
                      aria-label=${this.t('removeView', { name: v.name })}
                      @click=${() => this.writeViews(this.savedViews.filter((x) => x !== v))}
                    >
                      ×
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }`;
  }

  /** The console's cloud: the terms of the matching items, sized by how many use them, coloured by kind. */
  private renderTerms() {
    const max = Math.max(1, ...this.terms.map((t) => t.count));
    return html`<section class="terms" aria-labelledby="terms-h">
      <h2 id="terms-h">${this.t('terms')}</h2>
      <ul>
        ${
          this.filter.term
            ? html`<li><button type="button" @click=${() => this.setFilter({ term: undefined })}>${this.t('clearTerm')}</button></li>`
            : nothing
        }
        ${this.terms.map((t) => {
          const kind = KINDS.reduce((a, b) => (t.counts[b] > t.counts[a] ? b : a));
          const size = 0.85 + (t.count / max) * 0.9;
          return html`<li>
            <button
              type="button"
              class="term ${kind}"
              data-size=${Math.round(size * 4)}
              aria-pressed=${this.filter.term === t.term ? 'true' : 'false'}
              aria-label=${this.t('termButton', { term: t.term, count: t.count })}
              @click=${() => this.setFilter({ term: this.filter.term === t.term ? undefined : t.term })}
            >
              ${t.term}
            </button>
          </li>`;
        })}
      </ul>
      ${
        this.suggestions.length
          ? html`<h3>${this.t('suggestions')}</h3>
              <ul class="suggestions">
                ${this.suggestions.map(
                  (s) =>
                    html`<li>
                      ${this.t('suggestion', { count: s.ids.length, term: s.term })}
                      ${s.shared.length ? html`<span class="muted">(${this.t('suggestionWhy', { terms: s.shared.join(', ') })})</span>` : nothing}
                      <button type="button" @click=${() => this.setFilter({ term: s.term })}>${this.t('useSuggestion')}</button>
                    </li>`,
                )}
              </ul>`
          : nothing
      }
    </section>`;
  }

  private renderInbox() {
    const canAct = this.can('agent');
    return html`${this.renderFilters()}
      <div class="split">
        <section class="list" aria-labelledby="items-h">
          <h2 id="items-h">
            ${this.t('items')} <span class="muted">${this.t('itemCount', { count: this.items.length })}</span>
            ${this.fresh ? html`<span class="muted">· ${this.t('newItems', { count: this.fresh })}</span>` : nothing}
          </h2>
          ${
            canAct
              ? html`<form class="group" @submit=${this.groupSelected} aria-label=${this.t('group')}>
                  <span>${this.t('selected', { count: this.selected.size })}</span>
                  <button type="button" @click=${() => (this.selected = new Set(this.items.map((i) => i.id)))}>
                    ${this.t('selectAll')}
                  </button>
                  <label for="group-topic">${this.t('topicSlug')}</label>
                  <input
                    id="group-topic"
                    name="topic"
                    required
                    maxlength="64"
                    pattern="[a-z0-9]+(-[a-z0-9]+)*"
                    .value=${this.filter.term?.replace(/\s+/g, '-').toLowerCase() ?? ''}
                  />
                  <label for="group-title">${this.t('topicTitle')}</label>
                  <input id="group-title" name="title" maxlength="200" />
                  <button type="submit" class="primary" ?disabled=${this.selected.size === 0}>
                    ${this.t('groupButton', { count: this.selected.size })}
                  </button>
                </form>`
              : html`<p class="muted">${this.t('readOnly')}</p>`
          }
          ${this.items.length === 0 ? html`<p>${this.t('none')}</p>` : nothing}
          <ol class="items">
            ${this.items.map((item, i) => this.renderRow(item, i))}
          </ol>
          ${this.next ? html`<button type="button" @click=${this.more}>${this.t('loadMore')}</button>` : nothing}
        </section>
        ${this.detail ? this.renderDetail(this.detail) : this.renderTerms()}
      </div>`;
  }

  private renderRow(item: TeamItem, i: number) {
    const current = i === this.current;
    return html`<li
      id="item-${i}"
      part="item"
      class="item ${item.kind} ${current ? 'current' : ''}"
      aria-current=${current ? 'true' : 'false'}
    >
      <input type="checkbox" aria-label=${this.t('select')} .checked=${this.selected.has(item.id)} @change=${() => this.toggle(item.id)} />
      <button
        type="button"
        class="open"
        @click=${() => {
          this.current = i;
          void this.openItem(item.id);
        }}
        @focus=${() => (this.current = i)}
      >
        <span class="kind">${this.t(item.kind)}</span>
        <span class="text">${item.text}</span>
      </button>
      <span class="meta">
        <span>${item.topic ?? this.t('noTopic')}</span>
        ${item.pageUrl ? html`<span>${item.pageUrl}</span>` : nothing} ${item.locale ? html`<span>${item.locale}</span>` : nothing}
        <time datetime=${item.createdAt}>${this.i18n.relative(item.createdAt)}</time>
        <span class="status">${this.itemStatus(item)}</span>
      </span>
    </li>`;
  }

  private itemStatus(item: TeamItem) {
    if (item.kind === 'complaint' && item.status === 'replied') return this.t('awaitingCustomer');
    return this.t(`st_${item.status}` as keyof ConsoleStrings & string);
  }

  private renderDetail(d: Detail): TemplateResult {
    const f = d.feedback;
    const canAct = this.can('agent');
    return html`<section class="detail" aria-labelledby="detail-heading">
      <h2 id="detail-heading" tabindex="-1">${this.t('detail')}</h2>
      <button type="button" @click=${() => (this.detail = undefined)}>${this.t('closeDetail')}</button>
      <p class="kind ${f.kind}">${this.t(f.kind)} · ${this.itemStatus(f)}</p>
      <blockquote class="story">${f.text}</blockquote>
      <dl>
        <dt>${this.t('topics')}</dt>
        <dd>${d.topic?.title ?? this.t('noTopic')}</dd>
        ${
          f.pageUrl
            ? html`<dt>${this.t('page')}</dt>
                <dd>${f.pageUrl}</dd>`
            : nothing
        }
        ${
          f.locale
            ? html`<dt>${this.t('locale')}</dt>
                <dd>${f.locale}</dd>`
            : nothing
        }
        ${
          f.contact
            ? html`<dt>${this.t('contact')}</dt>
                <dd>${f.contact.email}</dd>`
            : nothing
        }
        <dt>${this.t('when')}</dt>
        <dd><time datetime=${f.createdAt}>${this.i18n.date(f.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time></dd>
      </dl>
      <h3>${this.t('thread')}</h3>
      <ol class="thread">
        ${d.entries.map((e) =>
          e.type === 'reply'
            ? html`<li class="reply">
                <strong>${e.author ?? ''}</strong> <time datetime=${e.at}>${this.i18n.relative(e.at)}</time>
                <p>${e.text}</p>
              </li>`
            : html`<li class="confirmation ${e.resolved ? 'resolved' : 'reopened'}">
                <strong>${e.resolved ? this.t('confirmedResolved') : this.t('confirmedNot')}</strong>
                <time datetime=${e.at}>${this.i18n.relative(e.at)}</time>${e.comment ? html`<p>${e.comment}</p>` : nothing}
              </li>`,
        )}
      </ol>
      ${f.kind === 'complaint' ? html`<p class="muted">${this.t('noClose')}</p>` : nothing}
      ${
        canAct
          ? html`<form @submit=${this.sendReply}>
                <label for="reply">${this.t('replyLabel', { name: signature(this.actor!) })}</label>
                <textarea id="reply" name="reply" required maxlength="4000" rows="4"></textarea>
                <button type="submit" class="primary">${this.t('send')}</button>
              </form>
              <div class="actions">
                <button type="button" @click=${() => this.act('heard', f.id)}>${this.t('markHeard')}</button>
                ${
                  f.status === 'hidden'
                    ? html`<button type="button" @click=${() => this.act('restore', f.id)}>${this.t('restore')}</button>`
                    : html`<button type="button" @click=${() => this.act('hide', f.id)}>${this.t('hide')}</button>`
                }
                ${f.status === 'pending' ? html`<button type="button" @click=${() => this.act('approve', f.id)}>${this.t('approve')}</button>` : nothing}
              </div>`
          : html`<p class="muted">${this.t('readOnly')}</p>`
      }
      ${
        d.earlier.length
          ? html`<h3>${this.t('earlier')}</h3>
              <ul class="earlier">
                ${d.earlier.map(
                  (e) =>
                    html`<li>
                      <button type="button" class="link" @click=${() => this.openItem(e.id)}>${this.t(e.kind)}: ${e.text}</button>
                      <time datetime=${e.createdAt}>${this.i18n.relative(e.createdAt)}</time>
                    </li>`,
                )}
              </ul>`
          : nothing
      }
    </section>`;
  }

  private renderTopics() {
    const canAct = this.can('agent');
    return html`<h2>${this.t('topics')}</h2>
      <ul class="topics">
        ${this.topicList.map((topic) => {
          const statuses = topic.incident ? INCIDENT_STATUSES : TOPIC_STATUSES;
          const status = topic.incident?.status ?? topic.status;
          return html`<li class="topic">
            <h3>${topic.title}</h3>
            <p>${this.statusName(status)} · ${this.t('followers', { count: topic.followers })}</p>
            ${
              canAct
                ? html`<form @submit=${(e: Event) => this.moveTopic(e, topic.slug)}>
                      <label
                        >${this.t('status')}
                        <select name="status">
                          ${statuses.map((s) => html`<option value=${s} ?selected=${s === status}>${this.statusName(s)}</option>`)}
                        </select>
                      </label>
                      <label>${this.t('note')} <input name="message" maxlength="2000" /></label>
                      <button type="submit">${this.t('move')}</button>
                    </form>
                    <form @submit=${(e: Event) => this.announce(e, topic.slug)}>
                      <fieldset>
                        <legend>${this.t('announce')}</legend>
                        <label>${this.t('announceTitle')} <input name="title" required maxlength="200" /></label>
                        <label>${this.t('announceBody')} <textarea name="body" required maxlength="3800" rows="3"></textarea></label>
                        <button type="submit" class="primary">${this.t('announce')}</button>
                      </fieldset>
                    </form>`
                : nothing
            }
          </li>`;
        })}
      </ul>`;
  }

  private renderIncident() {
    return html`<h2>${this.t('incidentTitle')}</h2>
      <div class="split">
        <form class="incident" @submit=${this.openIncident}>
          <label>${this.t('topicSlug')} <input name="slug" required maxlength="64" pattern="[a-z0-9]+(-[a-z0-9]+)*" /></label>
          <label>${this.t('announceTitle')} <input name="title" required maxlength="200" /></label>
          <label
            >${this.t('status')}
            <select name="status">
              ${INCIDENT_STATUSES.map((s) => html`<option value=${s}>${this.statusName(s)}</option>`)}
            </select>
          </label>
          <label>${this.t('incidentText')} <textarea name="message" required maxlength="2000" rows="6"></textarea></label>
          <button type="submit" class="primary">${this.t('openIncident')}</button>
        </form>
        <fieldset class="checklist">
          <legend>${this.t('checklist')}</legend>
          ${CHECKS.map(
            (c) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  .checked=${this.checks.has(c)}
                  @change=${(e: Event) => {
                    const next = new Set(this.checks);
                    if ((e.target as HTMLInputElement).checked) next.add(c);
                    else next.delete(c);
                    this.checks = next;
                  }}
                />
                ${this.t(`ck_${c}`)}</label
              >`,
          )}
        </fieldset>
      </div>`;
  }

  private renderTeam() {
    return html`<h2>${this.t('members')}</h2>
      <ul class="members">
        ${this.members.map(
          (m) =>
            html`<li>
              ${signature(m)} · ${this.t(`role_${m.role}`)}
              ${
                m.id !== this.actor?.memberId
                  ? html`<button type="button" @click=${() => this.removeMember(m)}>${this.t('remove', { name: m.name })}</button>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
      <form class="invite" @submit=${this.inviteMember}>
        <fieldset>
          <legend>${this.t('inviteTitle')}</legend>
          <label>${this.t('name')} <input name="name" required maxlength="100" /></label>
          <label>${this.t('memberTitle')} <input name="title" maxlength="100" /></label>
          <label
            >${this.t('role')}
            <select name="role">
              ${TEAM_ROLES.map((r) => html`<option value=${r} ?selected=${r === 'agent'}>${this.t(`role_${r}`)}</option>`)}
            </select>
          </label>
          <button type="submit" class="primary">${this.t('invite')}</button>
        </fieldset>
      </form>
      ${
        this.inviteResult
          ? html`<p class="invite-link">
              ${this.t('inviteLink', { name: this.inviteResult.name })} <output>${this.inviteResult.url}</output>
            </p>`
          : nothing
      }`;
  }

  private renderAudit() {
    return html`<h2>${this.t('audit')}</h2>
      ${this.auditEntries.length === 0 ? html`<p>${this.t('auditEmpty')}</p>` : nothing}
      <ol class="audit">
        ${this.auditEntries.map(
          (e) =>
            html`<li>
              <time datetime=${e.at}>${this.i18n.date(e.at, { dateStyle: 'short', timeStyle: 'medium' })}</time>
              <strong>${e.actor}</strong> <code>${e.action}</code> ${e.target ?? ''}
            </li>`,
        )}
      </ol>`;
  }

  private renderHelp() {
    return html`<dialog id="help" aria-labelledby="help-h">
      <h2 id="help-h">${this.t('help')}</h2>
      <dl class="shortcuts">
        ${SHORTCUTS.map(
          (s) =>
            html`<dt><kbd>${s.key}</kbd></dt>
              <dd>${this.t(`sc_${s.action}`)}</dd>`,
        )}
      </dl>
      <form method="dialog"><button type="submit">${this.t('closeHelp')}</button></form>
    </dialog>`;
  }
}
