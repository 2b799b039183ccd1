import { describe, expect, it } from 'vitest';
import { splitDesktopArgv } from '../../../src/main/desktop/desktop-args';
import { parseWebArgs, UsageError } from '../../../src/main/web/cli-args';

describe("the desktop app's command line", () => {
  it('leaves Chromium and Electron switches to Chromium and keeps Risk Warden options with their values', () => {
    const argv = [
      '--no-sandbox',
      '--config',
      '/home/t/risk.yaml',
      '--password-store=basic',
      '--accounts=7001,7002',
      '--enable-logging',
      '--no-random-walk',
      '-psn_0_12345',
    ];
    expect(splitDesktopArgv(argv)).toEqual({
      ours: ['--config', '/home/t/risk.yaml', '--accounts=7001,7002', '--no-random-walk'],
      notOurs: ['--no-sandbox', '--password-store=basic', '--enable-logging', '-psn_0_12345'],
    });
  });

  it('still refuses a bad value for one of its own options', () => {
    const { ours } = splitDesktopArgv(['--enable-logging', '--sim-port', 'eighty']);
    expect(() => parseWebArgs(ours, {})).toThrow(UsageError);
    expect(() => parseWebArgs(ours, {})).toThrow('--sim-port must be a TCP port number (0-65535), got "eighty"');
  });

  it('an option of ours at the very end without its value is kept for the parser to refuse', () => {
    const { ours } = splitDesktopArgv(['--config']);
    expect(ours).toEqual(['--config']);
    expect(() => parseWebArgs(ours, {})).toThrow(UsageError);
  });
});
