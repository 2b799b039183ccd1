/**
 * Reads and validates risk-config.yaml; every refusal names the file, the key, the value and the reason.
 * The path is not trusted to be a file: only a regular file under 1 MB is read (a named pipe would
 * block the event loop for good, a device such as /dev/zero would fill memory), and what a refusal
 * echoes is cut short, since it goes into the audit log, the timeline and every snapshot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { riskConfigSchema, type RiskConfig } from './schema';

/** The largest config file read, in bytes (exclusive): the documented example with every rule is under 10 kB. */
export const CONFIG_MAX_BYTES = 1024 * 1024;
/** How much of a refused value or key a message echoes. */
const ECHO_MAX_CHARS = 200;
/** How many problems a refusal lists; the rest are counted. */
const MAX_PROBLEMS = 10;
/** How much of the first problem the one-line summary keeps. */
const SUMMARY_MAX_CHARS = 160;

/** `text` cut to `max` characters, ending in … when it was longer. */
export function clip(text: string, max = ECHO_MAX_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const problemCount = (count: number) => `${count} more problem${count === 1 ? '' : 's'}`;

export class ConfigError extends Error {
  readonly problems: readonly string[];
  /**
   * The refusal in one short line: the file, the first problem (its key and why) and how many more:
   * "risk-config.yaml: rules.max_contracts.limit must be a whole number, got 5.5 (and 6 more problems)".
   */
  readonly summary: string;

  constructor(
    readonly file: string,
    problems: readonly string[],
  ) {
    const listed = problems.slice(0, MAX_PROBLEMS);
    const rest = problems.length - listed.length;
    const shown = rest > 0 ? [...listed, `and ${problemCount(rest)}`] : listed;
    super(`${path.basename(file)}: ${shown.join('; ')}`);
    this.problems = shown;
    this.name = 'ConfigError';
    const more = problems.length > 1 ? ` (and ${problemCount(problems.length - 1)})` : '';
    this.summary = `${path.basename(file)}: ${clip(problems[0] ?? 'refused', SUMMARY_MAX_CHARS)}${more}`;
  }
}

function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describe(issue: z.core.$ZodIssue, raw: unknown): string[] {
  const key = clip(issue.path.map(String).join('.') || '(top level)');
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `${key}.` : '';
    return issue.keys.map((k) => `${where}${clip(k)} is not a known setting`);
  }
  if (issue.code === 'invalid_key') {
    // A key of a map (a symbol root): the key itself is the value that is wrong.
    const symbol = issue.path.at(-1);
    return [`${key} ${issue.issues[0]?.message ?? issue.message}, got ${clip(JSON.stringify(String(symbol)))}`];
  }
  const value = valueAt(raw, issue.path);
  const got = value === undefined ? 'nothing' : clip(JSON.stringify(value) ?? String(value));
  const reason = value === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
  return [`${key} ${reason}, got ${got}`];
}

export function parseConfig(text: string, file: string): RiskConfig {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((e) => `invalid YAML: ${clip(e.message.split('\n')[0] ?? '')}`),
    );
  }
  let raw: unknown;
  try {
    raw = document.toJS() ?? {};
  } catch (error) {
    // e.g. an alias with no anchor: the parser accepts it, turning it into data does not.
    throw new ConfigError(file, [`invalid YAML: ${clip((error as Error).message)}`]);
  }
  const parsed = riskConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      file,
      parsed.error.issues.flatMap((issue) => describe(issue, raw)),
    );
  return parsed.data;
}

export function loadConfigFile(file: string): RiskConfig {
  return parseConfig(readConfigText(file), file);
}

/**
 * The file's text, read only if it is a regular file under CONFIG_MAX_BYTES. Opened non-blocking
 * (a named pipe opens at once instead of waiting for a writer) and judged by fstat on that
 * descriptor, so a symlink to a regular file is read and one to a device is not.
 */
export function readConfigText(file: string): string {
  let fd: number;
  try {
    // O_NONBLOCK does not exist on Windows, where opening a named pipe does not wait for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | ((fs.constants.O_NONBLOCK as number | undefined) ?? 0));
  } catch (error) {
    throw new ConfigError(file, [`cannot be read: ${clip((error as Error).message)}`]);
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) {
      throw new ConfigError(file, [
        `${file} is ${kindOf(stats)}, not a regular file; only a regular file under ${megabytes(CONFIG_MAX_BYTES)} is read as the config`,
      ]);
    }
    if (stats.size >= CONFIG_MAX_BYTES) throw tooLarge(file, stats.size);
    // Read at most one byte past the limit: the file may have grown since fstat.
    const buffer = Buffer.alloc(CONFIG_MAX_BYTES);
    let length = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length >= CONFIG_MAX_BYTES) throw tooLarge(file, length);
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(file, [`cannot be read: ${clip((error as Error).message)}`]);
  } finally {
    fs.closeSync(fd);
  }
}

function tooLarge(file: string, size: number): ConfigError {
  const shown = `${(size / (1024 * 1024)).toFixed(1)} MB`;
  return new ConfigError(file, [`${file} is ${shown}; a config file must be under ${megabytes(CONFIG_MAX_BYTES)}`]);
}

function megabytes(bytes: number): string {
  return `${bytes / (1024 * 1024)} MB`;
}

function kindOf(stats: fs.Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
