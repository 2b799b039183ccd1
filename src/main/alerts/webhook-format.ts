/** What one alert looks like on the wire in each webhook format. */
import type { Tone, WebhookFormat } from '../../shared/contract';
import type { WebhookTarget } from './webhook-target';

export type AlertKind = 'lock' | 'breach' | 'kill_switch' | 'test';

export interface Alert {
  kind: AlertKind;
  accountId: number | null;
  accountName: string | null;
  /** The timeline's own words: "Locked until 5:00 PM CT: the daily realized loss limit". */
  title: string;
  detail: string | null;
  at: string;
  tone: Tone;
}

/** Discord refuses a message over 2000 characters, Telegram one over 4096. */
const TEXT_LIMIT: Record<Exclude<WebhookFormat, 'generic'>, number> = { discord: 2000, telegram: 4096 };

/** The alert as a short message: who it is about, then the timeline's title and detail. */
export function alertText(alert: Alert): string {
  const about = alert.accountId === null ? '' : ` — ${accountLabel(alert.accountId, alert.accountName)}`;
  return [`Risk Warden${about}`, alert.title, alert.detail].filter(Boolean).join('\n');
}

function accountLabel(id: number, name: string | null): string {
  return name ? `${name} (account ${id})` : `account ${id}`;
}

/** Cut by characters, not UTF-16 units, so an emoji in an account name is never split in half. */
function clip(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

/** The JSON body POSTed to the target. */
export function webhookBody(target: WebhookTarget, alert: Alert): unknown {
  switch (target.format) {
    case 'generic':
      return {
        event: alert.kind,
        accountId: alert.accountId,
        accountName: alert.accountName,
        title: alert.title,
        detail: alert.detail,
        at: alert.at,
        tone: alert.tone,
      };
    case 'discord':
      // No mentions: an account named "@everyone" must not ping a whole server.
      return { content: clip(alertText(alert), TEXT_LIMIT.discord), allowed_mentions: { parse: [] } };
    case 'telegram':
      return { chat_id: new URL(target.url).searchParams.get('chat_id'), text: clip(alertText(alert), TEXT_LIMIT.telegram) };
  }
}
