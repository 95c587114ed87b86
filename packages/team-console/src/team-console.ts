import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { VocElement } from '@voc-kit/core/element.js';
import { Localizer } from '@voc-kit/core/i18n.js';
import { base } from '@voc-kit/core/tokens.js';
import { INCIDENT_STATUSES, TOPIC_STATUSES, type Thread, type Topic } from '@voc-kit/protocol/model.js';
import { roleAllows, signature, type AuditEntry, type TeamActor, type TeamMember, type TeamRole } from '@voc-kit/protocol/team.js';
import {
  TeamClient,
  type DevMail,
  type InboxQuery,
  type Person,
  type Suggestion,
  type TeamItem,
  type TeamSite,
  type TeamToken,
  type TeamWebhook,
} from '@voc-kit/adapter-http/team-client.js';
import type { VocAdapter } from '@voc-kit/protocol/adapter.js';
import { consoleCloudAdapter } from './cloud-adapter.js';
import { shortcutOf, type ShortcutAction } from './shortcuts.js';
import { loaders, strings, type ConsoleStrings } from './strings.js';
import { styles } from './team-console.styles.js';
import { renderAudit } from './views/audit.js';
import { renderIncident } from './views/incident.js';
import { renderInbox } from './views/inbox.js';
import { renderGdpr } from './views/gdpr.js';
import { loadMailbox, renderMailbox } from './views/mailbox.js';
import { loadModeration, renderModeration } from './views/moderation.js';
import { loadSettings, renderSettings } from './views/settings.js';
import { renderHelp, renderSignIn } from './views/shell.js';
import { renderTeam } from './views/team.js';
import { renderTopics } from './views/topics.js';

type View = 'inbox' | 'moderation' | 'topics' | 'incident' | 'team' | 'settings' | 'gdpr' | 'audit' | 'mailbox';
const VIEWS: View[] = ['inbox', 'moderation', 'topics', 'incident', 'team', 'settings', 'gdpr', 'audit', 'mailbox'];
/** The least role that sees each view (the server checks the same roles on every route). */
const VIEW_ROLES: Record<View, TeamRole> = {
  inbox: 'viewer',
  topics: 'viewer',
  incident: 'agent',
  moderation: 'agent',
  team: 'owner',
  settings: 'owner',
  gdpr: 'owner',
  audit: 'owner',
  mailbox: 'owner',
};
const VIEW_RENDER: Record<View, (c: VocTeamConsole) => TemplateResult> = {
  inbox: renderInbox,
  topics: renderTopics,
  incident: renderIncident,
  moderation: renderModeration,
  team: renderTeam,
  settings: renderSettings,
  gdpr: renderGdpr,
  audit: renderAudit,
  mailbox: renderMailbox,
};
/** What a view loads when it is shown. */
const VIEW_LOAD: Partial<Record<View, (c: VocTeamConsole) => Promise<void>>> = {
  moderation: loadModeration,
  settings: loadSettings,
  mailbox: loadMailbox,
};
/** Saved filters only (never tokens: the session is an HttpOnly cookie). */
const SAVED_VIEWS_KEY = 'voc-team-console:views';

export type Filter = Omit<InboxQuery, 'cursor' | 'limit'>;
export type Detail = Thread & { feedback: TeamItem; earlier: TeamItem[] };

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
    cloudAdapter: { state: true },
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
    pendingItems: { state: true },
    tokens: { state: true },
    webhooks: { state: true },
    shownOnce: { state: true },
    mails: { state: true },
    mailOpen: { state: true },
    mailboxOn: { state: true },
    erasing: { state: true },
    masker: { state: true },
  };

  readonly i18n = new Localizer<ConsoleStrings>(this, strings, loaders);
  /** The team API client (same origin, session cookie). */
  client = new TeamClient();

  actor?: TeamActor | null;
  member?: TeamMember;
  view: View = 'inbox';
  sites: TeamSite[] = [];
  siteKey = '';
  filter: Filter = {};
  items: TeamItem[] = [];
  next?: string;
  current = 0;
  selected = new Set<string>();
  detail?: Detail;
  /** What the inbox's `<voc-cloud>` counts: a new one whenever the inbox's filter (other than the term) changes. */
  cloudAdapter?: VocAdapter;
  suggestions: Suggestion[] = [];
  topicList: Topic[] = [];
  members: TeamMember[] = [];
  inviteResult?: { name: string; url: string };
  auditEntries: AuditEntry[] = [];
  savedViews: Array<{ name: string; filter: Filter }> = [];
  notice = '';
  failure = '';
  checks = new Set<string>();
  fresh = 0;
  busy = false;
  /** Moderation: the items held for pre-moderation. */
  pendingItems: TeamItem[] = [];
  /** Settings: tokens and webhooks, and a new token or signing secret shown once. */
  tokens: TeamToken[] = [];
  webhooks: TeamWebhook[] = [];
  shownOnce?: { label: string; value: string };
  /** Dev mailbox: its mails and the one being read. */
  mails: DevMail[] = [];
  mailOpen?: string;
  mailboxOn = false;
  /** GDPR: whom a deletion is about and what it would delete, until it is confirmed. */
  erasing?: { who: Person; label: string; items: string[]; follows: number };
  /** Masks profane words in what customers wrote (loaded on demand, from protocol's lists). */
  masker?: (text: string, locale?: string) => string;
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

  t(key: keyof ConsoleStrings & string, values?: Record<string, string | number>) {
    return this.i18n.t(key, values);
  }

  async start() {
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

  async afterSignIn() {
    this.savedViews = this.readViews();
    void import('./mask.js').then((m) => (this.masker = m.maskProfanity));
    const { sites } = await this.client.sites();
    this.sites = sites;
    this.siteKey = sites.find((s) => s.key === this.site)?.key ?? sites[0]?.key ?? '';
    await this.reload();
    this.listen();
  }

  /** What a customer wrote, with profane words masked (`s***`), as text. */
  said(text: string, locale?: string) {
    return this.masker ? this.masker(text, locale) : text;
  }

  can(role: TeamRole) {
    return !!this.actor && roleAllows(this.actor.role, role);
  }

  /** Runs a call; shows its error in the alert region instead of throwing. */
  async guard<T>(fn: () => Promise<T>): Promise<T | undefined> {
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

  listen() {
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

  async reload(full = true) {
    if (!this.siteKey) return;
    const page = await this.guard(() => this.client.inbox(this.siteKey, this.filter));
    if (page) {
      this.items = page.items;
      this.next = page.next;
      this.current = Math.min(this.current, Math.max(page.items.length - 1, 0));
    }
    if (!full) return;
    this.cloudAdapter = consoleCloudAdapter({
      client: this.client,
      site: this.siteKey,
      filter: this.filter,
      said: (t, l) => this.said(t, l),
    });
    this.suggestions = (await this.guard(() => this.client.suggestions(this.siteKey)))?.suggestions ?? [];
  }

  async more() {
    if (!this.next) return;
    const page = await this.guard(() => this.client.inbox(this.siteKey, { ...this.filter, cursor: this.next }));
    if (page) {
      this.items = [...this.items, ...page.items];
      this.next = page.next;
    }
  }

  async openItem(id: string, focus = true) {
    const detail = await this.guard(() => this.client.item(this.siteKey, id));
    if (!detail) return;
    this.detail = detail;
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
    }
  }

  setFilter(patch: Partial<Filter>) {
    this.filter = { ...this.filter, ...patch };
    this.current = 0;
    this.selected = new Set();
    this.fresh = 0;
    void this.reload(!('term' in patch));
  }

  async show(view: View) {
    this.view = view;
    this.notice = '';
    if (view === 'topics') this.topicList = (await this.guard(() => this.client.topics(this.siteKey)))?.topics ?? [];
    if (view === 'team' && this.can('owner')) this.members = (await this.guard(() => this.client.members()))?.members ?? [];
    if (view === 'audit' && this.can('owner')) this.auditEntries = (await this.guard(() => this.client.audit()))?.entries ?? [];
    if (this.can(VIEW_ROLES[view])) await VIEW_LOAD[view]?.(this);
  }

  readViews(): Array<{ name: string; filter: Filter }> {
    try {
      const parsed = JSON.parse(localStorage.getItem(SAVED_VIEWS_KEY) ?? '[]') as unknown;
      return Array.isArray(parsed) ? (parsed as Array<{ name: string; filter: Filter }>) : [];
    } catch {
      return [];
    }
  }

  writeViews(views: Array<{ name: string; filter: Filter }>) {
    this.savedViews = views;
    try {
      localStorage.setItem(SAVED_VIEWS_KEY, JSON.stringify(views));
    } catch {
      // storage full or blocked: the views last for this visit
    }
  }

  // ——— actions ———

  async act(action: 'heard' | 'hide' | 'restore' | 'approve', id = this.items[this.current]?.id) {
    if (!id || !this.can('agent')) return;
    const item = await this.guard(() => this.client.act(this.siteKey, id, action));
    if (!item) return;
    this.items = this.items.map((i) => (i.id === id ? item : i));
    this.notice = this.t(`st_${item.status}` as keyof ConsoleStrings & string);
    if (this.detail?.feedback.id === id) await this.openItem(id, false);
  }

  async sendReply(e: Event) {
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

  async groupSelected(e: Event) {
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

  async moveTopic(e: Event, slug: string) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value as Topic['status'];
    const message = (form.elements.namedItem('message') as HTMLInputElement).value.trim();
    const expectedBy = (form.elements.namedItem('expectedBy') as HTMLInputElement).value;
    const clear = (form.elements.namedItem('clearExpected') as HTMLInputElement | null)?.checked;
    const topic = await this.guard(() =>
      this.client.moveTopic(this.siteKey, slug, {
        status,
        ...(message && { message }),
        ...(expectedBy ? { expectedBy } : clear ? { expectedBy: null } : {}),
      }),
    );
    if (topic) {
      this.notice = this.t('moved', { status: this.statusName(status) });
      this.topicList = this.topicList.map((t) => (t.slug === slug ? topic : t));
      form.reset();
    }
  }

  async mergeTopic(e: Event, slug: string) {
    e.preventDefault();
    const into = ((e.target as HTMLFormElement).elements.namedItem('into') as HTMLSelectElement).value;
    if (!into) return;
    const result = await this.guard(() => this.client.mergeTopic(this.siteKey, slug, into));
    if (result) {
      this.notice = this.t('merged', { title: result.into.title, items: result.moved.items, followers: result.moved.followers });
      this.topicList = this.topicList.map((t) => (t.slug === slug ? result.from : t.slug === into ? result.into : t));
    }
  }

  async announce(e: Event, slug: string) {
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

  async openIncident(e: Event) {
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

  async inviteMember(e: Event) {
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

  async removeMember(m: TeamMember) {
    if (await this.guard(() => this.client.removeMember(m.id)).then(() => !this.failure))
      this.members = this.members.filter((x) => x.id !== m.id);
  }

  async signInWith(e: Event) {
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

  async signOut() {
    await this.guard(() => this.client.signOut());
    this.events?.close();
    this.actor = null;
    this.items = [];
    this.detail = undefined;
  }

  // ——— keyboard ———

  onKey = (e: KeyboardEvent) => {
    const target = e.composedPath()[0] as HTMLElement;
    if (e.key === 'Escape') {
      if (this.detail) {
        this.detail = undefined;
        void this.focusCurrent();
      }
      return;
    }
    if (!this.actor || this.view !== 'inbox' || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
    // the cloud has its own keys (arrows, Home, End, Enter chooses a term)
    if (e.composedPath().some((n) => (n as Element).localName === 'voc-cloud')) return;
    const action = shortcutOf(e);
    if (!action) return;
    e.preventDefault();
    this.run(action);
  };

  run(action: ShortcutAction) {
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

  toggle(id: string) {
    const next = new Set(this.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.selected = next;
  }

  async focusCurrent() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#item-${this.current} .open`)?.focus();
  }

  focusField(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  // ——— render ———

  statusName(status: string) {
    const key = ((TOPIC_STATUSES as readonly string[]).includes(status) ? `ts_${status}` : `is_${status}`) as keyof ConsoleStrings & string;
    return this.t(key);
  }

  override render() {
    const dir = this.i18n.dir;
    return html`<div class="console" dir=${dir} lang=${this.i18n.locale}>
      <p class="live" role="status" aria-live="polite">${this.notice}</p>
      ${this.failure ? html`<p class="failure" role="alert">${this.failure}</p>` : nothing}
      ${this.actor === undefined ? html`<p>${this.t('loading')}</p>` : this.actor === null ? renderSignIn(this) : this.renderConsole()}
      ${renderHelp(this)}
    </div>`;
  }

  renderConsole() {
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
        ${VIEWS.filter((v) => this.can(VIEW_ROLES[v])).map(
          (v) =>
            html`<button type="button" aria-current=${this.view === v ? 'page' : 'false'} @click=${() => void this.show(v)}>
              ${this.t(v)}
            </button>`,
        )}
      </nav>
      <main>${VIEW_RENDER[this.view](this)}</main>`;
  }
}
