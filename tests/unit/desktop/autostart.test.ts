import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AutostartOptions, LoginItemState } from '../../../src/main/desktop/autostart';
import { createAutostart } from '../../../src/main/desktop/autostart';
import { tempDir } from '../../helpers/harness';

/**
 * Reads an Exec value back the way the Desktop Entry Specification defines it, independently of
 * the module: first the string escapes (\s \n \t \r \\), then the argument quoting (double quotes,
 * inside which \" \` \$ \\ stand for the character), then %% → %.
 */
function execArgv(value: string): string[] {
  const unescaped = value.replace(/\\([sntr\\])/g, (_m, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' })[c]!);
  const argv: string[] = [];
  let i = 0;
  while (i < unescaped.length) {
    if (unescaped[i] === ' ') {
      i += 1;
      continue;
    }
    let arg = '';
    if (unescaped[i] === '"') {
      i += 1;
      while (unescaped[i] !== '"') {
        if (i >= unescaped.length) throw new Error(`unterminated quote in ${value}`);
        if (unescaped[i] === '\\') {
          if (!'"`$\\'.includes(unescaped[i + 1]!)) throw new Error(`stray backslash in ${value}`);
          i += 1;
        } else if ('`$'.includes(unescaped[i]!)) throw new Error(`unescaped ${unescaped[i]} inside quotes in ${value}`);
        arg += unescaped[i];
        i += 1;
      }
      i += 1;
      if (i < unescaped.length && unescaped[i] !== ' ') throw new Error(`text after a closing quote in ${value}`);
    } else {
      while (i < unescaped.length && unescaped[i] !== ' ') {
        if (/["'\\><~|&;$*?#()`\t\n]/.test(unescaped[i]!))
          throw new Error(`reserved character ${JSON.stringify(unescaped[i])} outside quotes in ${value}`);
        arg += unescaped[i];
        i += 1;
      }
    }
    if (/%[^%]/.test(arg.replace(/%%/g, ''))) throw new Error(`field code in ${value}`);
    argv.push(arg.replace(/%%/g, '%'));
  }
  return argv;
}

/** The [Desktop Entry] group of a desktop entry file as written (one group, no continuation lines). */
function desktopEntry(file: string): Record<string, string> {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  expect(lines[0]).toBe('[Desktop Entry]');
  return Object.fromEntries(
    lines.slice(1).map((line) => {
      expect(line).toMatch(/^[A-Za-z0-9-]+=/);
      return [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)];
    }),
  );
}

const AWKWARD_ARGS = [
  '--hidden',
  'two words',
  'quote"d',
  "single'q",
  'back\\slash',
  'dollar$HOME',
  'back`tick',
  '100%',
  '%f',
  '',
  'tab\there',
  'new\nline',
  '~tilde',
  ' lead',
  'a=b',
  'ünïcødé',
];

function setup(overrides: Partial<AutostartOptions> = {}) {
  const home = tempDir('rw-autostart-');
  const calls: LoginItemState[] = [];
  const autostart = createAutostart({
    platform: 'linux',
    env: {},
    homedir: home,
    execPath: '/opt/Risk Warden/riskwarden',
    setLoginItem: (settings) => calls.push(settings),
    getLoginItem: () => ({ openAtLogin: true }),
    ...overrides,
  });
  return { home, autostart, calls, entry: path.join(home, '.config', 'autostart', 'riskwarden.desktop') };
}

describe('start at login on Linux (XDG autostart)', () => {
  it('writes a desktop entry under ~/.config/autostart whose Exec runs the executable with its arguments', () => {
    const { autostart, entry, calls } = setup({ args: AWKWARD_ARGS });
    expect(autostart.supported).toBe(true);
    expect(autostart.entryPath).toBe(entry);
    expect(autostart.enabled()).toBe(false);
    autostart.set(true);
    expect(autostart.enabled()).toBe(true);
    const keys = desktopEntry(entry);
    expect(keys).toMatchObject({ Type: 'Application', Name: 'Risk Warden', 'X-GNOME-Autostart-enabled': 'true' });
    expect(keys.Hidden ?? 'false').toBe('false');
    expect(execArgv(keys.Exec!)).toEqual(['/opt/Risk Warden/riskwarden', ...AWKWARD_ARGS]);
    expect(keys.Exec!.startsWith('"/opt/Risk Warden/riskwarden" --hidden "two words" ')).toBe(true);
    expect(calls).toEqual([]); // Electron's login items do nothing on Linux: not called
  });

  it('removes the entry when switched off, and switching off twice is harmless', () => {
    const { autostart, entry } = setup();
    autostart.set(true);
    autostart.set(false);
    expect(fs.existsSync(entry)).toBe(false);
    expect(autostart.enabled()).toBe(false);
    autostart.set(false);
    expect(fs.readdirSync(path.dirname(entry))).toEqual([]);
  });

  it('reports what the file says, including an entry the desktop switched off', () => {
    const { autostart, entry } = setup();
    autostart.set(true);
    const text = fs.readFileSync(entry, 'utf8');
    fs.writeFileSync(entry, text.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
    expect(autostart.enabled()).toBe(false);
    fs.writeFileSync(entry, `${text}Hidden=true\n`);
    expect(autostart.enabled()).toBe(false);
    fs.writeFileSync(entry, `# edited\n${text}\n[Desktop Action other]\nHidden=true\n`);
    expect(autostart.enabled()).toBe(true);
    fs.writeFileSync(entry, 'not a desktop entry\n');
    expect(autostart.enabled()).toBe(false);
    fs.rmSync(entry);
    expect(autostart.enabled()).toBe(false);
    autostart.set(true);
    expect(autostart.enabled()).toBe(true);
  });

  it('honours XDG_CONFIG_HOME when it is an absolute path, and ignores it otherwise', () => {
    const config = tempDir('rw-xdg-config-');
    const custom = setup({ env: { XDG_CONFIG_HOME: config } });
    custom.autostart.set(true);
    expect(fs.existsSync(path.join(config, 'autostart', 'riskwarden.desktop'))).toBe(true);
    expect(fs.existsSync(custom.entry)).toBe(false);
    expect(custom.autostart.enabled()).toBe(true);
    for (const XDG_CONFIG_HOME of ['', 'relative/config']) {
      const fallback = setup({ env: { XDG_CONFIG_HOME } });
      expect(fallback.autostart.entryPath).toBe(fallback.entry);
    }
  });

  it('starts the AppImage itself rather than its temporary mount', () => {
    const { autostart, entry } = setup({
      execPath: '/tmp/.mount_RiskWaXyZ/riskwarden',
      env: { APPIMAGE: '/home/trader/Apps/Risk Warden-0.1.0.AppImage' },
    });
    autostart.set(true);
    expect(execArgv(desktopEntry(entry).Exec!)).toEqual(['/home/trader/Apps/Risk Warden-0.1.0.AppImage']);
  });

  it('refuses an executable path the Exec key cannot hold, leaving no entry', () => {
    const { autostart, entry } = setup({ execPath: '/opt/a=b/riskwarden' });
    expect(() => autostart.set(true)).toThrow('may not contain "="');
    expect(fs.existsSync(entry)).toBe(false);
  });

  const gio = spawnSync('gio', ['version'], { encoding: 'utf8' });
  it.skipIf(gio.status !== 0)('is launched by GLib (gio launch) with exactly the given arguments', async () => {
    const { autostart, home, entry } = setup({
      execPath: process.execPath,
      args: [
        '-e',
        'require("node:fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))',
        '--',
        path.join(tempDir('rw-gio-'), 'argv.json'),
        ...AWKWARD_ARGS,
      ],
    });
    autostart.set(true);
    const out = execArgv(desktopEntry(entry).Exec!)[4]!;
    const launched = spawnSync('gio', ['launch', entry], { encoding: 'utf8', env: { ...process.env, HOME: home } });
    expect(launched.status, launched.stderr).toBe(0);
    for (let i = 0; i < 100 && !fs.existsSync(out); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(AWKWARD_ARGS);
  });
});

describe('start at login on macOS and Windows (Electron login items)', () => {
  it.each(['darwin', 'win32'] as const)(
    '%s delegates to app.setLoginItemSettings / getLoginItemSettings and writes no file',
    (platform) => {
      const { autostart, calls, home } = setup({ platform, getLoginItem: () => ({ openAtLogin: calls.at(-1)?.openAtLogin ?? false }) });
      expect(autostart.supported).toBe(true);
      expect(autostart.entryPath).toBeNull();
      expect(autostart.enabled()).toBe(false);
      autostart.set(true);
      expect(autostart.enabled()).toBe(true);
      autostart.set(false);
      expect(calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
      expect(autostart.enabled()).toBe(false);
      expect(fs.readdirSync(home)).toEqual([]);
    },
  );

  it('is not offered on other platforms', () => {
    const { autostart, calls, home } = setup({ platform: 'freebsd' });
    expect(autostart.supported).toBe(false);
    autostart.set(true);
    expect(autostart.enabled()).toBe(false);
    expect(calls).toEqual([]);
    expect(fs.readdirSync(home)).toEqual([]);
  });
});
