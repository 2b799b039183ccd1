/** Settings given on the command line and in the environment (the web host, or a desktop app started with --api-url): shown, never edited from the dashboard. */
import type { SettingsView } from '../../shared/contract';
import { sendTestAlert } from '../alerts/webhook-test';
import { CUSTOM_FIRM, FIRM_PRESETS } from '../../shared/firms';
import type { LaunchOptions } from '../service/launch';
import { ApiError } from '../service/api-handler';
import type { SettingsPort } from '../settings/settings-port';

export function commandLineSettings(options: LaunchOptions): SettingsPort {
  const gateway = options.gateway;
  const firm = gateway ? (FIRM_PRESETS.find((p) => p.apiUrl === gateway.apiUrl)?.id ?? CUSTOM_FIRM) : 'simulator';
  const view: SettingsView = {
    firm,
    apiUrl: gateway?.apiUrl ?? '',
    rtcUrl: gateway?.rtcUrl ?? '',
    username: gateway?.username ?? '',
    apiKeyStored: gateway !== null,
    accounts: [...(options.guardAccounts ?? [])],
    configFile: options.configFile,
    startAtLogin: false,
    editable: false,
    secretStorage: 'the RW_API_KEY environment variable',
    webhook: {
      stored: Boolean(options.webhook),
      format: options.webhook?.format ?? 'generic',
      source: options.webhook?.source ?? 'not set (RW_WEBHOOK_URL or RW_WEBHOOK_URL_FILE)',
    },
  };
  return {
    view: () => view,
    testWebhook: () => sendTestAlert(options.webhook ?? null),
    save: () =>
      Promise.reject(
        new ApiError(
          'Risk Warden was started with its connection on the command line (--api-url, --username, --config, --accounts) and RW_API_KEY; restart it with new ones, or without them to edit the settings here',
        ),
      ),
  };
}
