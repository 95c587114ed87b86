/**
 * What `HttpAdapter` does only when a person acts: confirming or withdrawing a receipt's feedback, and "me too".
 * `reads.ts` loads this module on the first such call, so the elements that read (cloud, status feed, pulse) do not
 * carry it before anyone asks.
 */
import type { CallOptions } from '@voc-kit/protocol/adapter.js';
import { validateMeToo } from '@voc-kit/protocol/me-too.js';
import { checkTopic, toValidationError } from '@voc-kit/protocol/validation.js';
import type { MeTooRequest, Thread } from '@voc-kit/protocol/model.js';
import type { HttpCore } from './http-adapter.js';
import { isThread, threadUrl } from './reads.js';

export async function confirm(
  a: HttpCore,
  receipt: string,
  confirmation: { resolved: boolean; comment?: string },
  options?: CallOptions,
): Promise<Thread> {
  const body = {
    resolved: confirmation.resolved === true,
    ...(confirmation.comment?.trim() && { comment: confirmation.comment.trim() }),
  };
  const answer = await a.request<unknown>('POST', threadUrl(a, receipt, '/confirm'), { body, signal: options?.signal });
  return a.expectObject<Thread>(answer, isThread);
}

export async function withdraw(a: HttpCore, receipt: string, options?: CallOptions): Promise<void> {
  await a.request<void>('DELETE', threadUrl(a, receipt), options);
}

export async function meToo(a: HttpCore, topic: string, request: MeTooRequest, options?: CallOptions): Promise<{ followers: number }> {
  const topicError = checkTopic(topic);
  if (topicError) throw toValidationError([topicError]);
  const checked = validateMeToo(request);
  if (!checked.ok) throw toValidationError(checked.errors);
  const answer = await a.request<unknown>('POST', a.url(a.sitePath(`/topics/${encodeURIComponent(topic)}/me-too`)), {
    body: checked.value,
    signal: options?.signal,
  });
  return a.expectObject<{ followers: number }>(answer, (v) => typeof v.followers === 'number');
}
