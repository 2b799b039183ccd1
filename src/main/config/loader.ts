/** Reads and validates risk-config.yaml; every refusal names the file, the key, the value and the reason. */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { riskConfigSchema, type RiskConfig } from './schema';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${path.basename(file)}: ${problems.join('; ')}`);
    this.name = 'ConfigError';
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

function describe(issue: z.core.$ZodIssue, raw: unknown): string {
  const key = issue.path.map(String).join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `${key}.` : '';
    return issue.keys.map((k) => `${where}${k} is not a known setting`).join('; ');
  }
  if (issue.code === 'invalid_key') {
    // A key of a map (a symbol root): the key itself is the value that is wrong.
    const symbol = issue.path.at(-1);
    return `${key} ${issue.issues[0]?.message ?? issue.message}, got ${JSON.stringify(String(symbol))}`;
  }
  const value = valueAt(raw, issue.path);
  const got = value === undefined ? 'nothing' : JSON.stringify(value);
  const reason = value === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
  return `${key} ${reason}, got ${got}`;
}

export function parseConfig(text: string, file: string): RiskConfig {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((e) => `invalid YAML: ${e.message.split('\n')[0]}`),
    );
  }
  let raw: unknown;
  try {
    raw = document.toJS() ?? {};
  } catch (error) {
    // e.g. an alias with no anchor: the parser accepts it, turning it into data does not.
    throw new ConfigError(file, [`invalid YAML: ${(error as Error).message}`]);
  }
  const parsed = riskConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => describe(issue, raw)),
    );
  return parsed.data;
}

export function loadConfigFile(file: string): RiskConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  return parseConfig(text, file);
}
