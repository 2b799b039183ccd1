import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebArgs, UsageError } from '../../../src/main/web/cli-args';

describe('web host command line', () => {
  it('runs in demo mode with no --api-url', () => {
    expect(parseWebArgs([], {})).toEqual({
      port: 0,
      launch: { gateway: null, configFile: null, dataDir: path.join(os.homedir(), '.riskwarden', 'demo'), simPort: 0, randomWalk: true },
    });
  });

  it('connects to a real gateway with the API key from RW_API_KEY', () => {
    const options = parseWebArgs(['--api-url', 'https://api.topstepx.com/', '--rtc-url', 'https://rtc.topstepx.com', '--username', 'trader', '--config', 'r.yaml', '--data-dir', '/d', '--port', '8123'], { RW_API_KEY: 'secret' });
    expect(options).toEqual({
      port: 8123,
      launch: { gateway: { apiUrl: 'https://api.topstepx.com', rtcUrl: 'https://rtc.topstepx.com', username: 'trader', apiKey: 'secret' }, configFile: 'r.yaml', dataDir: '/d', simPort: 0, randomWalk: true },
    });
  });

  it.each([
    [['--api-url', 'https://a', '--rtc-url', 'https://r', '--username', 'u'], {}, 'RW_API_KEY'],
    [['--api-url', 'https://a', '--username', 'u'], { RW_API_KEY: 'k' }, '--rtc-url is required'],
    [['--api-url', 'https://a', '--rtc-url', 'https://r'], { RW_API_KEY: 'k' }, '--username is required'],
    [['--api-url', 'ftp://a', '--rtc-url', 'https://r', '--username', 'u'], { RW_API_KEY: 'k' }, '--api-url must be an http(s) URL, got "ftp://a"'],
    [['--port', '99999'], {}, '--port must be a TCP port number (0-65535), got "99999"'],
    [['--username', 'u'], {}, 'need --api-url'],
    [['--bogus'], {}, "Unknown option '--bogus'"],
  ])('refuses %j with a clear reason', (argv, env, message) => {
    expect(() => parseWebArgs(argv, env)).toThrow(UsageError);
    expect(() => parseWebArgs(argv, env)).toThrow(message);
  });
});
