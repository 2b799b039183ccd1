/**
 * The web host's alert webhook, like its API key kept out of the command line (where other users
 * can read it in the process list): RW_WEBHOOK_URL, or a file only the trader can read named by
 * RW_WEBHOOK_URL_FILE; RW_WEBHOOK_FORMAT says how alerts are written (default generic).
 */
import fs from 'node:fs';
import { checkWebhook, checkWebhookFormat, WebhookSettingError, type ConfiguredWebhook } from './webhook-target';

/** Null when no webhook is given. Throws WebhookSettingError naming the variable or file at fault. */
export function webhookFromEnvironment(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): ConfiguredWebhook | null {
  const inline = env.RW_WEBHOOK_URL?.trim();
  const file = env.RW_WEBHOOK_URL_FILE?.trim();
  if (inline && file) throw new WebhookSettingError('give the webhook URL in RW_WEBHOOK_URL or in RW_WEBHOOK_URL_FILE, not both');
  const formatText = env.RW_WEBHOOK_FORMAT?.trim() || 'generic';
  if (!inline && !file) {
    if (env.RW_WEBHOOK_FORMAT)
      throw new WebhookSettingError('RW_WEBHOOK_FORMAT is set but no webhook: set RW_WEBHOOK_URL or RW_WEBHOOK_URL_FILE too');
    return null;
  }
  const format = named('RW_WEBHOOK_FORMAT', () => checkWebhookFormat(formatText));
  if (inline) return { ...named('RW_WEBHOOK_URL', () => checkWebhook(inline, format)), source: 'the RW_WEBHOOK_URL environment variable' };
  const url = readPrivate(file!, platform);
  return { ...named(`the webhook URL in ${file}`, () => checkWebhook(url, format)), source: file! };
}

function named<T>(what: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new WebhookSettingError(`${what} ${(error as Error).message}`);
  }
}

/** On Windows the file's mode says nothing about who can read it; its folder's ACL does. */
function readPrivate(file: string, platform: NodeJS.Platform): string {
  let text: string;
  try {
    const { mode } = fs.statSync(file);
    if (platform !== 'win32' && (mode & 0o077) !== 0)
      throw new WebhookSettingError(
        `RW_WEBHOOK_URL_FILE ${file} can be read by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); make it private with chmod 600 ${file}`,
      );
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if (error instanceof WebhookSettingError) throw error;
    throw new WebhookSettingError(`RW_WEBHOOK_URL_FILE ${file} cannot be read: ${(error as Error).message}`);
  }
  if (!text) throw new WebhookSettingError(`RW_WEBHOOK_URL_FILE ${file} is empty; put the webhook URL in it`);
  return text;
}
