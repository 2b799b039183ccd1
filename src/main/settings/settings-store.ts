/**
 * The desktop app's settings: a JSON file (0600) beside the database and the API key sealed by the
 * OS in a file of its own. The key is never written in plain text and never sent to the renderer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SettingsInputSchema, type SettingsInput, type SettingsView } from '../../shared/contract';
import { CUSTOM_FIRM, FIRM_PRESETS } from '../../shared/firms';
import type { GatewayCredentials } from '../gateway/gateway-client';
import { writePrivateFile } from '../store/data-folder';
import type { SecretBox } from '../store/secret-box';
import { createLogger } from '../log';
import { checkWebhook, type ConfiguredWebhook } from '../alerts/webhook-target';
import { WebhookFormatSchema } from '../../shared/contract';

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

const StoredSettingsSchema = z.object({
  firm: z.string(),
  apiUrl: z.string(),
  rtcUrl: z.string(),
  username: z.string(),
  accounts: z.array(z.number().int().positive()),
  configFile: z.string().nullable(),
  startAtLogin: z.boolean(),
  /** Absent in files written before alerts existed. */
  webhookFormat: WebhookFormatSchema.default('generic'),
});
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

const FIRST_RUN: StoredSettings = {
  firm: 'topstepx',
  apiUrl: FIRM_PRESETS[0]!.apiUrl,
  rtcUrl: FIRM_PRESETS[0]!.rtcUrl,
  username: '',
  accounts: [],
  configFile: null,
  startAtLogin: false,
  webhookFormat: 'generic',
};

export class SettingsStore {
  private readonly file: string;
  private readonly keyFile: string;
  /** The alert webhook's URL holds the receiver's token: sealed like the API key. */
  private readonly webhookFile: string;
  private settings: StoredSettings;
  /** Why the file on disk could not be used; the first-run settings are shown until a save replaces it. */
  private damage: SettingsError | null = null;

  constructor(
    dir: string,
    private readonly secrets: SecretBox,
  ) {
    this.file = path.join(dir, 'settings.json');
    this.keyFile = path.join(dir, 'api-key.sealed');
    this.webhookFile = path.join(dir, 'webhook-url.sealed');
    try {
      this.settings = this.load();
    } catch (error) {
      this.damage = error as SettingsError;
      this.settings = FIRST_RUN;
    }
  }

  current(): StoredSettings {
    return this.settings;
  }

  view(): SettingsView {
    const { webhookFormat, ...settings } = this.settings;
    const webhook = { stored: fs.existsSync(this.webhookFile), format: webhookFormat, source: this.secrets.description };
    return { ...settings, apiKeyStored: fs.existsSync(this.keyFile), editable: true, secretStorage: this.secrets.description, webhook };
  }

  /** Validates everything before anything is written; a refused save changes nothing. */
  save(input: SettingsInput): SettingsView {
    const parsed = SettingsInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new SettingsError(`settings: ${issue.path.join('.') || '(settings)'} ${issue.message}`);
    }
    const { apiKey, webhookUrl, webhookFormat, ...rest } = parsed.data;
    const urls = this.urlsOf(rest.firm, rest.apiUrl, rest.rtcUrl);
    if (rest.configFile !== null && !fs.existsSync(rest.configFile))
      throw new SettingsError(`settings: configFile ${JSON.stringify(rest.configFile)} does not exist`);
    if (apiKey && !this.secrets.available())
      throw new SettingsError(
        `settings: this system offers no encrypted storage (${this.secrets.description}); the API key is not stored in plain text`,
      );
    const format = webhookFormat ?? this.settings.webhookFormat;
    this.checkWebhook(webhookUrl, format);
    const next: StoredSettings = {
      firm: rest.firm,
      ...urls,
      username: rest.username,
      accounts: rest.accounts,
      configFile: rest.configFile,
      startAtLogin: rest.startAtLogin,
      webhookFormat: format,
    };
    if (webhookUrl) writePrivateFile(this.webhookFile, this.secrets.encrypt(webhookUrl));
    else if (webhookUrl === '') fs.rmSync(this.webhookFile, { force: true });
    if (apiKey) writePrivateFile(this.keyFile, this.secrets.encrypt(apiKey));
    else if (apiKey === '') fs.rmSync(this.keyFile, { force: true });
    writePrivateFile(this.file, Buffer.from(`${JSON.stringify(next, null, 2)}\n`));
    this.settings = next;
    this.damage = null;
    return this.view();
  }

  /** Returns what puts both files back as they are now: a save whose connection fails is undone. */
  undoPoint(): () => void {
    const saved = [this.file, this.keyFile, this.webhookFile].map((file) => ({
      file,
      content: fs.existsSync(file) ? fs.readFileSync(file) : null,
    }));
    const { settings, damage } = this;
    return () => {
      for (const { file, content } of saved) {
        if (content) writePrivateFile(file, content);
        else fs.rmSync(file, { force: true });
      }
      this.settings = settings;
      this.damage = damage;
    };
  }

  /** The gateway to connect to, or null for demo mode (no user name or no key yet). A damaged settings file is refused, never guessed at. */
  credentials(): GatewayCredentials | null {
    if (this.damage) throw this.damage;
    if (!this.settings.username || !fs.existsSync(this.keyFile)) return null;
    let apiKey: string;
    try {
      apiKey = this.secrets.decrypt(fs.readFileSync(this.keyFile));
    } catch (error) {
      throw new SettingsError(`the stored API key cannot be decrypted (${(error as Error).message}); enter it again in Settings`);
    }
    return { apiUrl: this.settings.apiUrl, rtcUrl: this.settings.rtcUrl, username: this.settings.username, apiKey };
  }

  /** The alert webhook, or null when none is stored. Throws when the stored URL cannot be decrypted. */
  webhook(): ConfiguredWebhook | null {
    if (!fs.existsSync(this.webhookFile)) return null;
    let url: string;
    try {
      url = this.secrets.decrypt(fs.readFileSync(this.webhookFile));
    } catch (error) {
      throw new SettingsError(`the stored webhook URL cannot be decrypted (${(error as Error).message}); enter it again in Settings`);
    }
    return { url, format: this.settings.webhookFormat, source: this.secrets.description };
  }

  /** What the service alerts through: a webhook that cannot be read is logged and skipped, never a reason not to enforce. */
  webhookForLaunch(): ConfiguredWebhook | null {
    try {
      return this.webhook();
    } catch (error) {
      createLogger('settings').warn(`alerts are off: ${(error as Error).message}`);
      return null;
    }
  }

  /** A new URL is checked against the format; a new format alone is checked against the stored URL. */
  private checkWebhook(url: string | undefined, format: StoredSettings['webhookFormat']): void {
    const checked = url === undefined ? this.storedWebhookUrl() : url;
    if (!checked) return;
    try {
      checkWebhook(checked, format);
    } catch (error) {
      throw new SettingsError(`settings: webhookUrl ${(error as Error).message}`);
    }
    if (url && !this.secrets.available())
      throw new SettingsError(
        `settings: this system offers no encrypted storage (${this.secrets.description}); the webhook URL is not stored in plain text`,
      );
  }

  /** An unreadable stored URL is not checked: alerts stay off until it is entered again (logged at launch). */
  private storedWebhookUrl(): string | null {
    try {
      return this.webhook()?.url ?? null;
    } catch {
      return null;
    }
  }

  private urlsOf(firm: string, apiUrl: string | undefined, rtcUrl: string | undefined): { apiUrl: string; rtcUrl: string } {
    if (firm === CUSTOM_FIRM) {
      if (!apiUrl || !rtcUrl) throw new SettingsError('settings: a custom firm needs both apiUrl and rtcUrl');
      return { apiUrl, rtcUrl };
    }
    const preset = FIRM_PRESETS.find((p) => p.id === firm);
    if (!preset)
      throw new SettingsError(
        `settings: firm ${JSON.stringify(firm)} is not known; choose one of ${[...FIRM_PRESETS.map((p) => p.id), CUSTOM_FIRM].join(', ')}`,
      );
    return { apiUrl: preset.apiUrl, rtcUrl: preset.rtcUrl };
  }

  private load(): StoredSettings {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return FIRST_RUN;
      throw new SettingsError(`${this.file} cannot be read: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new SettingsError(`${this.file} is not valid JSON (${(error as Error).message}); fix or delete it, or save new settings`);
    }
    const parsed = StoredSettingsSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new SettingsError(`${this.file}: ${issue.path.join('.') || '(file)'} ${issue.message}; fix or delete it, or save new settings`);
    }
    return parsed.data;
  }
}
