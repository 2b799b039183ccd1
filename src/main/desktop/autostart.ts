/**
 * "Start Risk Warden when I log in", per platform, without Electron (the caller injects
 * `app.setLoginItemSettings` / `app.getLoginItemSettings`).
 *
 * Electron's login items are macOS and Windows only (`@platform darwin,win32` on
 * `app.setLoginItemSettings` in electron.d.ts; the docs mark it "macOS Windows"); on Linux the call
 * does nothing. There the freedesktop Desktop Application Autostart Specification applies: a
 * desktop entry in `$XDG_CONFIG_HOME/autostart/` (default `~/.config/autostart`) is started at
 * login unless it has `Hidden=true`; GNOME additionally honours `X-GNOME-Autostart-enabled=false`.
 * The entry follows the Desktop Entry Specification 1.5 (`Type=Application`, `Name`, `Exec`).
 */
import fs from 'node:fs';
import path from 'node:path';

export const AUTOSTART_FILE = 'riskwarden.desktop';

export interface LoginItemState {
  openAtLogin: boolean;
}

export interface AutostartOptions {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** The executable to start (`process.execPath`). On Linux `$APPIMAGE` wins: see linuxExecutable. */
  execPath: string;
  /** Arguments after the executable (e.g. the app path when running unpackaged). */
  args?: readonly string[];
  /** `app.setLoginItemSettings`, used on macOS and Windows. */
  setLoginItem: (settings: LoginItemState) => void;
  /** `app.getLoginItemSettings`, used on macOS and Windows. */
  getLoginItem: () => LoginItemState;
  /** The entry's Name; defaults to "Risk Warden". */
  name?: string;
}

export interface Autostart {
  /** False where neither login items nor XDG autostart exist: do not offer the setting there. */
  readonly supported: boolean;
  /** The desktop entry on Linux, null elsewhere. */
  readonly entryPath: string | null;
  enabled(): boolean;
  set(enabled: boolean): void;
}

export function createAutostart(options: AutostartOptions): Autostart {
  const { platform } = options;
  if (platform === 'darwin' || platform === 'win32') {
    return {
      supported: true,
      entryPath: null,
      enabled: () => options.getLoginItem().openAtLogin,
      set: (enabled) => options.setLoginItem({ openAtLogin: enabled }),
    };
  }
  if (platform !== 'linux') {
    return { supported: false, entryPath: null, enabled: () => false, set: () => undefined };
  }
  const entryPath = path.join(xdgConfigHome(options.env, options.homedir), 'autostart', AUTOSTART_FILE);
  return {
    supported: true,
    entryPath,
    enabled: () => entryStartsAtLogin(entryPath),
    set(enabled) {
      if (!enabled) {
        fs.rmSync(entryPath, { force: true });
        return;
      }
      const exec = [linuxExecutable(options.execPath, options.env), ...(options.args ?? [])];
      writeAtomically(entryPath, autostartEntry(options.name ?? 'Risk Warden', exec));
    },
  };
}

/**
 * XDG Base Directory Specification: `$XDG_CONFIG_HOME` if set, non-empty and absolute ("If an
 * implementation encounters a relative path in any of these variables it should consider the path
 * invalid and ignore it"), else `$HOME/.config`.
 */
export function xdgConfigHome(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  const configured = env.XDG_CONFIG_HOME;
  return configured && path.isAbsolute(configured) ? configured : path.join(homedir, '.config');
}

/**
 * Inside an AppImage `process.execPath` is the binary in the temporary FUSE mount
 * (/tmp/.mount_…), gone after the app exits; the AppImage runtime puts the image's own path in
 * `$APPIMAGE`, which is what has to run at the next login.
 */
export function linuxExecutable(execPath: string, env: Readonly<Record<string, string | undefined>>): string {
  return env.APPIMAGE && path.isAbsolute(env.APPIMAGE) ? env.APPIMAGE : execPath;
}

/**
 * The desktop entry text (Desktop Entry Specification 1.5). Throws when the executable's path has
 * an "=", which the spec does not allow in the Exec program ("may not contain the equal sign").
 */
export function autostartEntry(name: string, argv: readonly string[]): string {
  const program = argv[0];
  if (!program) throw new Error('the autostart entry needs an executable');
  if (program.includes('=')) throw new Error(`cannot start ${program} at login: a desktop entry's Exec program may not contain "="`);
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    `Name=${escapeString(name)}`,
    'Comment=Risk manager for futures day traders',
    `Exec=${escapeString(argv.map(quoteExecArg).join(' '))}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Desktop Entry Specification, "The Exec key": an argument with a reserved character (space, tab,
 * newline, " ' \ > < ~ | & ; $ * ? # ( ) `) must be enclosed in double quotes, inside which
 * " ` $ \ are escaped with a backslash. A literal % is written %% (field codes), quoted or not.
 * (GLib looks the program up before undoing %%, so `gio launch` refuses an executable path with a %;
 * arguments with % are fine.)
 */
export function quoteExecArg(arg: string): string {
  const percent = arg.replace(/%/g, '%%');
  if (percent !== '' && !/[\s"'\\><~|&;$*?#()`]/.test(percent)) return percent;
  return `"${percent.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * "Possible value types": a string value escapes \ as \\, newline as \n, tab as \t, CR as \r and a
 * leading space as \s. For Exec this is applied on top of the argument quoting (so a literal
 * backslash inside a quoted argument ends up as four).
 */
export function escapeString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/^ /, '\\s');
}

/**
 * Whether the entry starts at login: it exists, and in its [Desktop Entry] group neither
 * `Hidden=true` (Autostart spec: "treated as deleted") nor `X-GNOME-Autostart-enabled=false`
 * (what GNOME's Startup Applications / Tweaks write to switch an entry off).
 */
function entryStartsAtLogin(entryPath: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(entryPath, 'utf8');
  } catch {
    return false;
  }
  const entry = desktopEntryGroup(text);
  if (!entry) return false;
  return entry.get('Hidden') !== 'true' && entry.get('X-GNOME-Autostart-enabled') !== 'false';
}

/** The keys of the [Desktop Entry] group (comments and other groups skipped), or null without one. */
export function desktopEntryGroup(text: string): Map<string, string> | null {
  let group: string | null = null;
  let keys: Map<string, string> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      group = header[1]!;
      if (group === 'Desktop Entry' && !keys) keys = new Map();
      continue;
    }
    const eq = line.indexOf('=');
    if (group === 'Desktop Entry' && keys && eq > 0) keys.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return keys;
}

function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text, { mode: 0o644 });
  fs.renameSync(temporary, file);
}
