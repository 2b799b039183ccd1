/**
 * The desktop app's argv holds more than Risk Warden's options: Chromium and Electron read their
 * own switches from it (`--no-sandbox`, `--password-store=basic`, `--enable-logging`, and on old
 * macOS a `-psn_…` process serial number). Those are left to Chromium; ours are parsed as strictly
 * as the web host parses them. Chromium's switches never take a separate value (`--name=value`),
 * so anything that is not ours is passed over whole, and named in the log.
 */
import { OPTIONS } from '../web/cli-args';

export interface SplitArgv {
  ours: string[];
  notOurs: string[];
}

export function splitDesktopArgv(argv: readonly string[]): SplitArgv {
  const ours: string[] = [];
  const notOurs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') ? arg.slice(2).split('=')[0]! : null;
    const option = name !== null && Object.hasOwn(OPTIONS, name) ? OPTIONS[name as keyof typeof OPTIONS] : null;
    if (!option) {
      notOurs.push(arg);
      continue;
    }
    ours.push(arg);
    const takesNext = option.type === 'string' && !arg.includes('=') && i + 1 < argv.length;
    if (takesNext) ours.push(argv[++i]!);
  }
  return { ours, notOurs };
}
