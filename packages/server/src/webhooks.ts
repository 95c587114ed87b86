import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ValidationError } from '@voc-kit/protocol/errors.js';
import type { Store } from './store/index.js';

/** Addresses a webhook may never reach: loopback, private, link-local (cloud metadata), shared, multicast, reserved. */
const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

/** True when `address` (an IP) is one webhooks must not reach. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // IPv4 inside IPv6 (mapped ::ffff:a.b.c.d or ::ffff:7f00:1, NAT64 64:ff9b::): the IPv4 address decides
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return BLOCKED.check(dotted[1], 'ipv4');
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return BLOCKED.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
  }
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

/**
 * Checks a webhook URL a team enters: http(s), and every address its host resolves to is public (unless
 * `allowPrivate`, for development). Returns the normalised URL.
 */
export async function checkWebhookUrl(url: string, allowPrivate: boolean): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('url', 'invalid', 'url must be an http(s) URL.');
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password)
    throw new ValidationError('url', 'invalid', 'url must be an http(s) URL without credentials.');
  if (allowPrivate) return parsed.href;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolveAll(host);
  } catch {
    throw new ValidationError('url', 'unresolvable', `The host ${host} could not be resolved.`);
  }
  if (addresses.length === 0 || addresses.some((a) => isBlockedAddress(a.address)))
    throw new ValidationError(
      'url',
      'private_address',
      'url must reach a public address (not loopback, private, link-local or metadata). For development set VOC_WEBHOOKS_ALLOW_PRIVATE=1.',
    );
  return parsed.href;
}

/** A DNS lookup that refuses blocked addresses, used for the connection itself (no rebinding between check and use). */
const safeLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isBlockedAddress(a.address));
    if (bad || list.length === 0)
      return callback(Object.assign(new Error(`refused: ${hostname} resolves to a non-public address`), { code: 'EBLOCKED' }), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/** `sha256=<hex HMAC-SHA256 of the raw body with the webhook's secret>`: what receivers compare (in constant time). */
export const signature = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** POSTs one delivery; resolves to the status code. Literal IPs are checked here, names in the lookup. */
function post(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<number> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isBlockedAddress(host)) return Promise.reject(new Error(`refused: ${host} is not a public address`));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: 5000,
        ...(!allowPrivate && { lookup: safeLookup }),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends due webhook deliveries (Slack-compatible JSON, signed), retrying with exponential backoff. */
export class WebhookWorker {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly allowPrivate = false,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Sends what is due now; resolves when done. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      const due = await this.store.dueDeliveries();
      await Promise.all(
        due.map(async (d) => {
          try {
            const body = JSON.stringify(d.payload);
            const headers = {
              'content-type': 'application/json',
              'user-agent': 'voc-kit-webhooks/1',
              'x-voc-delivery': d.id,
              'x-voc-signature-256': signature(d.secret ?? '', body),
            };
            const status = await post(d.url, body, headers, this.allowPrivate);
            // redirects are not followed: a receiver answers where it was registered
            if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`);
            await this.store.deliveryDone(d.id);
            sent++;
          } catch (error) {
            await this.store.deliveryDone(d.id, error instanceof Error ? error.message : String(error), d.attempts);
          }
        }),
      );
    } catch {
      // database unavailable: try again on the next tick
    } finally {
      this.running = false;
    }
    return sent;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
