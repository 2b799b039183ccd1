/**
 * The config file is read as a file a trader edits, never trusted to be one: a named pipe, a
 * device, a directory or a huge file at the config path is refused with a message naming the path,
 * what is there and the limit, without blocking or reading it; a value that is refused is echoed
 * short.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_MAX_BYTES, ConfigError, loadConfigFile, parseConfig } from '../../../src/main/config/loader';
import { tempDir } from '../../helpers/harness';

function refusal(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected the config to be refused');
}

const VALID = 'rules:\n  max_contracts: { limit: 3 }\n';

describe('what the config path may be', () => {
  it('refuses a named pipe at once, without waiting for a writer', () => {
    const file = path.join(tempDir(), 'risk-config.yaml');
    execFileSync('mkfifo', [file]);
    expect(refusal(() => loadConfigFile(file)).message).toBe(
      `risk-config.yaml: ${file} is a named pipe (FIFO), not a regular file; only a regular file under 1 MB is read as the config`,
    );
  });

  it('refuses a symlink to a device (/dev/zero) without reading it', () => {
    const file = path.join(tempDir(), 'risk-config.yaml');
    fs.symlinkSync('/dev/zero', file);
    expect(refusal(() => loadConfigFile(file)).message).toBe(
      `risk-config.yaml: ${file} is a character device, not a regular file; only a regular file under 1 MB is read as the config`,
    );
  });

  it('refuses a folder', () => {
    const file = path.join(tempDir(), 'risk-config.yaml');
    fs.mkdirSync(file);
    expect(refusal(() => loadConfigFile(file)).message).toMatch(/is a folder, not a regular file/);
  });

  it('refuses a file of 1 MB or more, naming its size and the limit', () => {
    const file = path.join(tempDir(), 'risk-config.yaml');
    fs.writeFileSync(file, `${VALID}# ${'x'.repeat(CONFIG_MAX_BYTES)}\n`);
    expect(refusal(() => loadConfigFile(file)).message).toBe(
      `risk-config.yaml: ${file} is ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB; a config file must be under 1 MB`,
    );
  });

  it('reads a file just under 1 MB', () => {
    const file = path.join(tempDir(), 'risk-config.yaml');
    const text = `${VALID}# `;
    fs.writeFileSync(file, `${text}${'x'.repeat(CONFIG_MAX_BYTES - text.length - 2)}\n`);
    expect(fs.statSync(file).size).toBe(CONFIG_MAX_BYTES - 1);
    expect(loadConfigFile(file).rules.max_contracts?.limit).toBe(3);
  });

  it('follows a symlink to a regular file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'real.yaml'), VALID);
    fs.symlinkSync(path.join(dir, 'real.yaml'), path.join(dir, 'risk-config.yaml'));
    expect(loadConfigFile(path.join(dir, 'risk-config.yaml')).rules.max_contracts?.limit).toBe(3);
  });
});

describe('how much of a refused value is echoed', () => {
  it('cuts a long refused value to about 200 characters, ending in …', () => {
    const long = 'y'.repeat(500_000);
    const error = refusal(() => parseConfig(`timezone: ${long}\nrules: {}\n`, 'risk-config.yaml'));
    expect(error.message).toMatch(/^risk-config\.yaml: timezone must be an IANA timezone such as America\/Chicago, got "y{190,210}…$/);
    expect(error.message.length).toBeLessThan(400);
  });

  it('cuts a long unknown key the same way', () => {
    const error = refusal(() => parseConfig(`rules: { "${'k'.repeat(100_000)}": 1 }\n`, 'risk-config.yaml'));
    expect(error.message).toMatch(/^risk-config\.yaml: rules\.k{190,210}… is not a known setting$/);
  });

  it('lists at most 10 problems and counts the rest', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `  unknown_${i}: 1\n`).join('');
    const error = refusal(() => parseConfig(`rules:\n${keys}`, 'risk-config.yaml'));
    expect(error.problems).toHaveLength(11);
    expect(error.problems.at(-1)).toBe('and 4990 more problems');
    expect(error.message.length).toBeLessThan(1000);
  });

  it('sums a refusal up in one line: the file, the first key and why, and how many more', () => {
    const error = refusal(() =>
      parseConfig('rules:\n  max_contracts:\n    limit: 5.5\n  unknown_a: 1\n  unknown_b: 1\n', '/home/t/risk-config.yaml'),
    );
    expect(error.summary).toMatch(/^risk-config\.yaml: rules\.max_contracts\.limit .+, got 5\.5 \(and 2 more problems\)$/);
    expect(error.summary).not.toContain('\n');
  });

  it('sums up a single problem without counting more', () => {
    const error = refusal(() => parseConfig('rules:\n  unknown_a: 1\n', 'risk-config.yaml'));
    expect(error.summary).toBe('risk-config.yaml: rules.unknown_a is not a known setting');
  });

  it('keeps the summary short however long the first problem is', () => {
    const error = refusal(() => parseConfig(`rules:\n  ${'x'.repeat(400)}: 1\n`, 'risk-config.yaml'));
    expect(error.summary.length).toBeLessThan(200);
  });
});
