/**
 * The alert webhook: where alerts go and how they are written, checked once where it is given
 * (Settings, the web host's environment). The URL holds the receiver's secret token, so no message
 * here ever repeats it.
 */
import { WebhookFormatSchema, type WebhookFormat } from '../../shared/contract';

export interface WebhookTarget {
  url: string;
  format: WebhookFormat;
}

/** A webhook as configured, with where its URL is kept, for the settings view. */
export interface ConfiguredWebhook extends WebhookTarget {
  source: string;
}

/** Says what is wrong with a URL or format; the caller puts the setting's name in front. */
export class WebhookSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSettingError';
  }
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);
const TELEGRAM_EXAMPLE = 'https://api.telegram.org/bot<TOKEN>/sendMessage?chat_id=<ID>';

/**
 * https is required: the URL carries the receiver's token and an alert names the account, both
 * readable on the way over plain http. Plain http is allowed to this machine only (a local relay,
 * a test receiver), where nothing crosses the network.
 */
export function checkWebhook(value: string, format: WebhookFormat): WebhookTarget {
  if (!URL.canParse(value))
    throw new WebhookSettingError(`is not a URL; paste the whole address, such as https://discord.com/api/webhooks/…`);
  const url = new URL(value);
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new WebhookSettingError(`must be an https URL (plain http only to this machine: localhost, 127.0.0.1, [::1])`);
  if (format === 'telegram') {
    if (!url.pathname.endsWith('/sendMessage')) throw new WebhookSettingError(`must be a Telegram sendMessage URL: ${TELEGRAM_EXAMPLE}`);
    if (!url.searchParams.get('chat_id'))
      throw new WebhookSettingError(`needs the chat to send to: ${TELEGRAM_EXAMPLE} (chat_id is missing)`);
  }
  return { url: value, format };
}

export function checkWebhookFormat(value: string): WebhookFormat {
  const parsed = WebhookFormatSchema.safeParse(value);
  if (!parsed.success)
    throw new WebhookSettingError(`must be one of ${WebhookFormatSchema.options.join(', ')}, got ${JSON.stringify(value)}`);
  return parsed.data;
}

/** The receiver named in words without its secret path: "discord.com". */
export function receiverOf(target: WebhookTarget): string {
  return new URL(target.url).host;
}
