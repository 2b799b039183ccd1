import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebArgs, UsageError } from '../../../src/main/web/cli-args';

describe('web host command line', () => {
  it('runs in demo mode with no --api-url', () => {
    expect(parseWebArgs([], {})).toEqual({
      port: 0,
      testClock: false,
      launch: {
        gateway: null,
        configFile: null,
        dataDir: path.join(os.homedir(), '.riskwarden', 'demo'),
        simPort: 0,
        randomWalk: true,
        testElevator: false,
        guardAccounts: [],
      },
    });
  });

  it('guards only the listed accounts', () => {
    expect(parseWebArgs(['--accounts', '7001, 7002'], {}).launch.guardAccounts).toEqual([7001, 7002]);
  });

  it('selects the test elevator only in demo mode', () => {
    expect(parseWebArgs(['--test-elevator'], {}).launch.testElevator).toBe(true);
  });

  it('connects to a real gateway with the API key from RW_API_KEY', () => {
    const options = parseWebArgs(
      [
        '--api-url',
        'https://api.topstepx.com/',
        '--rtc-url',
        'https://rtc.topstepx.com',
        '--username',
        'trader',
        '--config',
        'r.yaml',
        '--data-dir',
        '/d',
        '--port',
        '8123',
      ],
      { RW_API_KEY: 'secret' },
    );
    expect(options).toEqual({
      port: 8123,
      testClock: false,
      launch: {
        gateway: { apiUrl: 'https://api.topstepx.com', rtcUrl: 'https://rtc.topstepx.com', username: 'trader', apiKey: 'secret' },
        configFile: 'r.yaml',
        dataDir: '/d',
        simPort: 0,
        randomWalk: true,
        testElevator: false,
        guardAccounts: [],
      },
    });
  });

  it.each([
    [['--api-url', 'https://a', '--rtc-url', 'https://r', '--username', 'u'], {}, 'RW_API_KEY'],
    [['--api-url', 'https://a', '--username', 'u'], { RW_API_KEY: 'k' }, '--rtc-url is required'],
    [['--api-url', 'https://a', '--rtc-url', 'https://r'], { RW_API_KEY: 'k' }, '--username is required'],
    [
      ['--api-url', 'ftp://a', '--rtc-url', 'https://r', '--username', 'u'],
      { RW_API_KEY: 'k' },
      '--api-url must be an http(s) URL, got "ftp://a"',
    ],
    [['--port', '99999'], {}, '--port must be a TCP port number (0-65535), got "99999"'],
    [['--username', 'u'], {}, 'need --api-url'],
    [['--bogus'], {}, "Unknown option '--bogus'"],
    [['--accounts', '7001,abc'], {}, '--accounts must be comma-separated account ids, got "abc" in "7001,abc"'],
    [
      ['--api-url', 'https://a', '--rtc-url', 'https://r', '--username', 'u', '--test-clock'],
      { RW_API_KEY: 'k' },
      '--test-clock works with the built-in simulator only',
    ],
    [
      ['--api-url', 'https://a', '--rtc-url', 'https://r', '--username', 'u', '--test-elevator'],
      { RW_API_KEY: 'k' },
      '--test-elevator works with the built-in simulator only',
    ],
  ])('refuses %j with a clear reason', (argv, env, message) => {
    expect(() => parseWebArgs(argv, env)).toThrow(UsageError);
    expect(() => parseWebArgs(argv, env)).toThrow(message);
  });
});
