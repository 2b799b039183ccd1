import { useEffect, useState, type FormEvent } from 'react';
import type { ConfigView, SettingsView, WebhookFormat } from '../../../shared/contract';
import { CUSTOM_FIRM, FIRM_PRESETS } from '../../../shared/firms';
import type { RuleStatus } from '../../../shared/rules';
import { riskApi, useDashboard } from '../store';
import { stateLabel } from './rule-order';
import './SettingsPanel.css';

interface Form {
  firm: string;
  apiUrl: string;
  rtcUrl: string;
  username: string;
  apiKey: string;
  accounts: string;
  configFile: string;
  startAtLogin: boolean;
  webhookUrl: string;
  webhookFormat: WebhookFormat;
  forgetWebhook: boolean;
}

function formOf(view: SettingsView): Form {
  return {
    firm: view.firm,
    apiUrl: view.apiUrl,
    rtcUrl: view.rtcUrl,
    username: view.username,
    apiKey: '',
    accounts: view.accounts.join(', '),
    configFile: view.configFile ?? '',
    startAtLogin: view.startAtLogin,
    webhookUrl: '',
    webhookFormat: view.webhook.format,
    forgetWebhook: false,
  };
}

/** Absent keeps the stored URL, empty forgets it. */
function webhookInput(form: Form): { webhookUrl?: string; webhookFormat: WebhookFormat } {
  if (form.forgetWebhook) return { webhookUrl: '', webhookFormat: form.webhookFormat };
  return { ...(form.webhookUrl ? { webhookUrl: form.webhookUrl } : {}), webhookFormat: form.webhookFormat };
}

function rulesSource(config: ConfigView | null | undefined): string {
  if (config === undefined) return 'Loading…';
  if (config === null) return 'Shown once Risk Warden is running.';
  if (config.file) return `From ${config.file}; edits are picked up while Risk Warden runs.`;
  return 'Built-in defaults (no config file).';
}

/** Connection settings (the API key is write-only) and the risk config in force. */
export function SettingsPanel() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  /** undefined while asked, null when there is no running service to ask. */
  const [config, setConfig] = useState<ConfigView | null | undefined>(undefined);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const guarded = useDashboard((state) => state.snapshot?.accounts);
  const rules = guarded === undefined ? undefined : (guarded[0]?.rules ?? null);

  useEffect(() => {
    riskApi()
      .call('getSettings', {})
      .then(
        (v) => {
          setView(v);
          setForm(formOf(v));
        },
        (e: Error) => setStatus({ ok: false, text: e.message }),
      );
    // Without a running service there are no rules in force to show; the dashboard already says why.
    riskApi()
      .call('getConfigView', {})
      .then(setConfig, () => setConfig(null));
  }, []);

  if (!view || !form) return <p className="empty">{status?.text ?? 'Loading settings…'}</p>;
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const accounts = form.accounts
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setStatus({ ok: true, text: 'Saving and reconnecting…' });
    try {
      const saved = await riskApi().call('saveSettings', {
        firm: form.firm,
        ...(form.firm === CUSTOM_FIRM ? { apiUrl: form.apiUrl, rtcUrl: form.rtcUrl } : {}),
        username: form.username,
        ...(form.apiKey ? { apiKey: form.apiKey } : {}),
        accounts,
        configFile: form.configFile.trim() || null,
        startAtLogin: form.startAtLogin,
        ...webhookInput(form),
      });
      setView(saved);
      setForm(formOf(saved));
      setStatus({ ok: true, text: 'Saved. Risk Warden reconnected with these settings.' });
    } catch (failure) {
      setStatus({ ok: false, text: (failure as Error).message });
    } finally {
      setSaving(false);
    }
  };

  const disabled = !view.editable || saving;
  return (
    <div className="settings">
      <form className="panel settings-form" onSubmit={save} aria-labelledby="settings-heading">
        <h2 id="settings-heading">Connection</h2>
        {!view.editable && (
          <p className="notice notice-info">
            Risk Warden was started with these on its command line and {view.secretStorage}; they are shown, not edited, here.
          </p>
        )}
        <label className="field">
          <span>Firm</span>
          <select value={form.firm} onChange={(e) => set('firm', e.target.value)} disabled={disabled}>
            {!view.editable && form.firm === 'simulator' && <option value="simulator">Built-in simulator (demo)</option>}
            {FIRM_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            <option value={CUSTOM_FIRM}>Other ProjectX firm (custom URLs)</option>
          </select>
        </label>
        {form.firm === CUSTOM_FIRM && (
          <>
            <label className="field">
              <span>API URL</span>
              <input
                value={form.apiUrl}
                onChange={(e) => set('apiUrl', e.target.value)}
                disabled={disabled}
                placeholder="https://api.yourfirm.projectx.com"
              />
            </label>
            <label className="field">
              <span>Realtime URL</span>
              <input
                value={form.rtcUrl}
                onChange={(e) => set('rtcUrl', e.target.value)}
                disabled={disabled}
                placeholder="https://rtc.yourfirm.projectx.com"
              />
            </label>
          </>
        )}
        <label className="field">
          <span>User name</span>
          <input value={form.username} onChange={(e) => set('username', e.target.value)} disabled={disabled} autoComplete="username" />
        </label>
        <label className="field">
          <span>API key</span>
          <input
            type="password"
            value={form.apiKey}
            onChange={(e) => set('apiKey', e.target.value)}
            disabled={disabled}
            autoComplete="off"
            placeholder={view.apiKeyStored ? 'stored — leave empty to keep it' : 'not stored yet'}
          />
          <small className="muted">Kept in {view.secretStorage}; never shown again.</small>
        </label>
        <label className="field">
          <span>Accounts to guard</span>
          <input
            value={form.accounts}
            onChange={(e) => set('accounts', e.target.value)}
            disabled={disabled}
            placeholder="all accounts of this login (or ids: 1234, 5678)"
          />
        </label>
        <label className="field">
          <span>Risk config file</span>
          <input
            value={form.configFile}
            onChange={(e) => set('configFile', e.target.value)}
            disabled={disabled}
            placeholder="built-in defaults"
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={form.startAtLogin} onChange={(e) => set('startAtLogin', e.target.checked)} disabled={disabled} />{' '}
          Start Risk Warden when I log in
        </label>
        <WebhookFields view={view} form={form} set={set} disabled={disabled} />
        {status && (
          <p className={status.ok ? 'result result-ok' : 'result result-bad'} role="status">
            {status.text}
          </p>
        )}
        {view.editable && (
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={saving}>
              Save and reconnect
            </button>
          </div>
        )}
      </form>
      <RulesInForce config={config} rules={rules} />
    </div>
  );
}

/** Off-machine alerts: the webhook URL is write-only like the API key; the test sends to the stored one. */
function WebhookFields({
  view,
  form,
  set,
  disabled,
}: {
  view: SettingsView;
  form: Form;
  set: <K extends keyof Form>(key: K, value: Form[K]) => void;
  disabled: boolean;
}) {
  const [test, setTest] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const sendTest = async () => {
    setTesting(true);
    setTest({ ok: true, text: 'Sending a test alert…' });
    try {
      const result = await riskApi().call('testWebhook', {});
      setTest({ ok: result.ok, text: result.message });
    } catch (failure) {
      setTest({ ok: false, text: (failure as Error).message });
    } finally {
      setTesting(false);
    }
  };
  return (
    <fieldset className="rw-webhook" data-testid="settings-webhook">
      <legend>Off-machine alerts</legend>
      <p className="muted">Locks, rule breaches and the kill switch are posted to this webhook, for your phone or a chat.</p>
      <label className="field">
        <span>Webhook format</span>
        <select value={form.webhookFormat} onChange={(e) => set('webhookFormat', e.target.value as WebhookFormat)} disabled={disabled}>
          <option value="generic">Generic JSON</option>
          <option value="discord">Discord webhook</option>
          <option value="telegram">Telegram bot (sendMessage?chat_id=…)</option>
        </select>
      </label>
      <label className="field">
        <span>Webhook URL</span>
        <input
          type="password"
          value={form.webhookUrl}
          onChange={(e) => set('webhookUrl', e.target.value)}
          disabled={disabled || form.forgetWebhook}
          autoComplete="off"
          placeholder={view.webhook.stored ? 'stored — leave empty to keep it' : 'not set: no alerts leave this machine'}
        />
        <small className="muted">Kept in {view.webhook.source}; never shown again.</small>
      </label>
      {view.editable && view.webhook.stored && (
        <label className="check">
          <input
            type="checkbox"
            checked={form.forgetWebhook}
            onChange={(e) => set('forgetWebhook', e.target.checked)}
            disabled={disabled}
          />{' '}
          Forget the stored webhook
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void sendTest()} disabled={testing}>
          Send test alert
        </button>
      </div>
      {test && (
        <p className={test.ok ? 'result result-ok' : 'result result-bad'} role="status" data-testid="webhook-test-result">
          {test.text}
        </p>
      )}
    </fieldset>
  );
}

/** One rule in words: what it does with its figures, on or off, and where it stands now. */
function RuleItem({ rule }: { rule: RuleStatus }) {
  return (
    <li className="rw-setting-rule" data-testid={`setting-rule-${rule.ruleId}`} data-state={rule.state}>
      <div className="rw-setting-rule-head">
        <span className="rw-setting-rule-title">{rule.title}</span>
        <span className="rw-tag">{rule.ruleId}</span>
        <span className={rule.enabled ? 'rw-onoff rw-on' : 'rw-onoff'}>{rule.enabled ? 'On' : 'Off'}</span>
      </div>
      <p className="rw-setting-rule-description">{rule.description}</p>
      {rule.enabled && (
        <p className="rw-setting-rule-now">
          Now: {stateLabel(rule)} — {rule.summary}
        </p>
      )}
    </li>
  );
}

/**
 * The rules in force as a page a trader reads: each rule in words, what waits for the daily reset, and the file
 * itself behind a disclosure (a refused edit is the shell's ConfigNotice, above every page).
 */
function RulesInForce({ config, rules }: { config: ConfigView | null | undefined; rules: RuleStatus[] | null | undefined }) {
  return (
    <section className="panel rw-rules-in-force" aria-labelledby="rules-config-heading">
      <h2 id="rules-config-heading">Rules in force</h2>
      <p className="muted">{rulesSource(config)}</p>
      {config && config.pendingAtReset.length > 0 && (
        <div className="rw-pending" data-testid="settings-pending">
          <h3>Waiting for the daily reset</h3>
          <p className="muted">Loosening a limit waits for the next daily reset; tightening applies at once.</p>
          <ul>
            {config.pendingAtReset.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </div>
      )}
      {rules === null && <p className="empty">No account: the rules' figures show once an account is connected.</p>}
      {rules && (
        <ul className="rw-setting-rules" data-testid="settings-rules">
          {rules.map((rule) => (
            <RuleItem key={rule.ruleId} rule={rule} />
          ))}
        </ul>
      )}
      {config && (
        <details className="rw-config-file">
          <summary>Show the file as loaded</summary>
          <pre className="config-yaml" data-testid="effective-config">
            {config.effective}
          </pre>
        </details>
      )}
    </section>
  );
}
