import { html, nothing } from 'lit';
import { TEAM_ROLES, type TeamRole } from '@voc-kit/protocol/team.js';
import type { VocTeamConsole } from '../team-console.js';

/** Owners: the current site's allowed origins and webhooks, and the team's bearer tokens. */
export async function loadSettings(c: VocTeamConsole) {
  const [tokens, hooks] = await Promise.all([c.guard(() => c.client.tokens()), c.guard(() => c.client.webhooks(c.siteKey))]);
  c.tokens = tokens?.tokens ?? [];
  c.webhooks = hooks?.webhooks ?? [];
}

const field = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();

async function setOrigins(c: VocTeamConsole, origins: string[]) {
  const site = await c.guard(() => c.client.setOrigins(c.siteKey, origins));
  if (!site) return false;
  c.sites = c.sites.map((s) => (s.key === site.key ? site : s));
  c.notice = c.t('saved');
  return true;
}

async function addOrigin(c: VocTeamConsole, e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const origin = field(form, 'origin');
  const site = c.sites.find((s) => s.key === c.siteKey);
  if (!origin || !site) return;
  if (await setOrigins(c, [...site.origins.filter((o) => o !== origin), origin])) form.reset();
}

async function addToken(c: VocTeamConsole, e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const created = await c.guard(() => c.client.createToken({ name: field(form, 'name'), role: field(form, 'role') as TeamRole }));
  if (!created) return;
  c.tokens = [...c.tokens, { id: created.id, name: created.name, role: created.role }];
  c.shownOnce = { label: c.t('tokenOnce', { name: created.name }), value: created.token };
  form.reset();
}

async function revokeToken(c: VocTeamConsole, id: string) {
  if ((await c.guard(() => c.client.revokeToken(id).then(() => true))) !== true) return;
  c.tokens = c.tokens.filter((t) => t.id !== id);
  c.notice = c.t('revoked');
}

async function addWebhook(c: VocTeamConsole, e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const created = await c.guard(() => c.client.addWebhook(c.siteKey, field(form, 'url')));
  if (!created) return;
  c.webhooks = [...c.webhooks, { id: created.id, url: created.url, events: created.events, pending: 0, failed: 0 }];
  c.shownOnce = { label: c.t('secretOnce', { url: created.url }), value: created.secret };
  form.reset();
}

async function removeWebhook(c: VocTeamConsole, id: string) {
  if ((await c.guard(() => c.client.removeWebhook(c.siteKey, id).then(() => true))) !== true) return;
  c.webhooks = c.webhooks.filter((w) => w.id !== id);
  c.notice = c.t('removed');
}

export function renderSettings(c: VocTeamConsole) {
  const site = c.sites.find((s) => s.key === c.siteKey);
  return html`<h2>${c.t('settings')}</h2>
    ${c.shownOnce ? html`<p class="invite-link">${c.shownOnce.label} <output>${c.shownOnce.value}</output></p>` : nothing}
    <section aria-labelledby="origins-h">
      <h3 id="origins-h">${c.t('origins', { site: site?.name ?? c.siteKey })}</h3>
      <p class="muted">${c.t('originsHelp')}</p>
      <ul class="origins">
        ${(site?.origins ?? []).map(
          (o) =>
            html`<li>
              <code>${o}</code>
              <button
                type="button"
                aria-label=${c.t('removeOrigin', { origin: o })}
                @click=${() =>
                  setOrigins(
                    c,
                    site!.origins.filter((x) => x !== o),
                  )}
              >
                ${c.t('removeShort')}
              </button>
            </li>`,
        )}
      </ul>
      <form @submit=${(e: Event) => addOrigin(c, e)}>
        <label for="origin">${c.t('origin')}</label>
        <input id="origin" name="origin" required maxlength="200" placeholder="https://shop.example" dir="ltr" />
        <button type="submit" class="primary">${c.t('addOrigin')}</button>
      </form>
    </section>
    <section aria-labelledby="tokens-h">
      <h3 id="tokens-h">${c.t('tokens')}</h3>
      <ul class="tokens">
        ${c.tokens.map(
          (t) =>
            html`<li>
              ${t.name} · ${c.t(`role_${t.role}`)}
              <button type="button" @click=${() => revokeToken(c, t.id)}>${c.t('revoke', { name: t.name })}</button>
            </li>`,
        )}
      </ul>
      <form @submit=${(e: Event) => addToken(c, e)}>
        <fieldset>
          <legend>${c.t('newToken')}</legend>
          <label>${c.t('name')} <input name="name" required maxlength="100" /></label>
          <label
            >${c.t('role')}
            <select name="role">
              ${TEAM_ROLES.map((r) => html`<option value=${r} ?selected=${r === 'viewer'}>${c.t(`role_${r}`)}</option>`)}
            </select>
          </label>
          <button type="submit" class="primary">${c.t('createToken')}</button>
        </fieldset>
      </form>
    </section>
    <section aria-labelledby="hooks-h">
      <h3 id="hooks-h">${c.t('webhooks')}</h3>
      ${c.webhooks.length === 0 ? html`<p>${c.t('noWebhooks')}</p>` : nothing}
      <ul class="webhooks">
        ${c.webhooks.map(
          (w) =>
            html`<li>
              <code>${w.url}</code> · ${w.events.join(', ')} · ${c.t('deliveries', { pending: w.pending ?? 0, failed: w.failed ?? 0 })}
              <button type="button" aria-label=${c.t('removeWebhook', { url: w.url })} @click=${() => removeWebhook(c, w.id)}>
                ${c.t('removeShort')}
              </button>
            </li>`,
        )}
      </ul>
      <form @submit=${(e: Event) => addWebhook(c, e)}>
        <label for="hook-url">${c.t('webhookUrl')}</label>
        <input id="hook-url" name="url" type="url" required maxlength="2000" dir="ltr" />
        <button type="submit" class="primary">${c.t('addWebhook')}</button>
      </form>
    </section>`;
}
