/** One POST of one alert, and what its answer means: delivered, worth another try, or refused for good. */
import type { Clock } from '../schedule/clock';
import { webhookBody, type Alert } from './webhook-format';
import type { WebhookTarget } from './webhook-target';

export type Attempt =
  | { outcome: 'delivered'; status: number }
  /** A network error, no answer in time, 408, 429 or 5xx; `retryAfterMs` when the receiver said how long to wait. */
  | { outcome: 'retry'; why: string; retryAfterMs: number | null }
  /** Any other answer: another try would get the same (a wrong token, a deleted webhook). */
  | { outcome: 'refused'; why: string };

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Enough of the receiver's answer to say why it refused ("Unknown Webhook", "chat not found"). */
const ANSWER_CHARS = 200;

export async function postAlert(target: WebhookTarget, alert: Alert, clock: Clock, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<Attempt> {
  const abort = new AbortController();
  const timer = clock.setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookBody(target, alert)),
      signal: abort.signal,
      // A redirect is an answer, not followed: the alert goes only where the trader pointed it.
      redirect: 'manual',
    });
    const answer = (await response.text()).replace(/\s+/g, ' ').trim().slice(0, ANSWER_CHARS);
    if (response.ok) return { outcome: 'delivered', status: response.status };
    const status = `HTTP ${response.status}${answer ? ` ${answer}` : ''}`;
    if (response.status === 408 || response.status === 429 || response.status >= 500)
      return { outcome: 'retry', why: `answered ${status}`, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), clock.now()) };
    return { outcome: 'refused', why: status };
  } catch (error) {
    if (abort.signal.aborted) return { outcome: 'retry', why: `no answer within ${timeoutMs / 1000} s`, retryAfterMs: null };
    return { outcome: 'retry', why: `cannot be reached (${networkReason(error)})`, retryAfterMs: null };
  } finally {
    timer.cancel();
  }
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** fetch says only "fetch failed"; the cause has the code a trader can look up (ECONNREFUSED, ENOTFOUND). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return (error as Error).message;
}
