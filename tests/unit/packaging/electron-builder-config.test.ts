/**
 * electron-builder.yml checked against electron-builder itself rather than a copy of it:
 * - the schema check is electron-builder's own `validateConfiguration` (app-builder-lib
 *   out/util/config/config.js), the function every `electron-builder` run applies to the loaded
 *   config: Ajv 8 (draft-07, the `$schema` of scheme.json) over app-builder-lib/scheme.json with
 *   electron-builder's options, plus its checks for removed options;
 * - the deb's default dependencies come from `FpmTarget.getDefaultDepends("deb")`, the list
 *   electron-builder uses when `deb.depends` is absent, and which an explicit `deb.depends` replaces.
 * app-builder-lib is resolved from electron-builder (our devDependency), the way electron-builder
 * loads it, so the test follows whatever electron-builder version is installed.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type BuilderConfig = Record<string, unknown> & { deb?: { depends?: unknown } | null };
type ValidateConfiguration = (
  config: unknown,
  debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void },
) => Promise<void>;
interface FpmTargetClass {
  prototype: { getDefaultDepends(target: string): string[] };
}

const requireHere = createRequire(import.meta.url);
const requireFromBuilder = createRequire(requireHere.resolve('electron-builder/package.json'));
const appBuilderLibDir = path.dirname(requireFromBuilder.resolve('app-builder-lib/package.json'));
const requireFromLib = createRequire(path.join(appBuilderLibDir, 'package.json'));

const { validateConfiguration } = requireFromLib('./out/util/config/config.js') as { validateConfiguration: ValidateConfiguration };
const FpmTarget = (requireFromLib('./out/targets/FpmTarget.js') as { default: FpmTargetClass }).default;
const scheme = JSON.parse(fs.readFileSync(path.join(appBuilderLibDir, 'scheme.json'), 'utf8')) as {
  $schema: string;
  definitions: { DebOptions: { properties: { depends: { default: string[] } } } };
};

/** getDefaultDepends does not read `this`; called on the prototype it returns electron-builder's list. */
const DEFAULT_DEB_DEPENDS = FpmTarget.prototype.getDefaultDepends.call(undefined, 'deb');
/** The Debian packages that ship /usr/bin/pkexec (src/main/elevation/os-prompt.ts runs it by that path). */
const PKEXEC_PROVIDERS = ['pkexec', 'policykit-1'];

const CONFIG_PATH = path.resolve('electron-builder.yml');
const loadConfig = (): BuilderConfig => parse(fs.readFileSync(CONFIG_PATH, 'utf8')) as BuilderConfig;

/** electron-builder's verdict on a config: null when it is accepted, else its error message. */
async function builderVerdict(config: unknown): Promise<string | null> {
  // structuredClone: the validator coerces types in place (Ajv coerceTypes).
  return validateConfiguration(structuredClone(config), { isEnabled: false, add: () => undefined }).then(
    () => null,
    (error: Error) => error.message,
  );
}

/**
 * One Debian relation as fpm writes it to the control file (it passes a relation containing "|"
 * through unchanged): alternatives separated by "|", each a package name (Debian Policy 5.6.1) with
 * an optional architecture qualifier and version constraint (Policy 7.1).
 */
const ALTERNATIVE = /^[a-z0-9][a-z0-9+.-]+(?::[a-z0-9-]+)?(?: \((?:<<|<=|=|>=|>>) [A-Za-z0-9.+~:-]+\))?$/;
const alternativesOf = (relation: string): string[] => relation.split('|').map((part) => part.trim());
const packageOf = (alternative: string): string => alternative.split(/[ :]/)[0]!;

/** Why the deb's dependency list is wrong, or [] when it is right. */
function debDependsProblems(config: BuilderConfig, defaults: readonly string[]): string[] {
  const depends = config.deb?.depends;
  // Absent, the defaults apply, and pkexec is missing; a string is one relation (FpmTarget accepts both).
  const relations = depends == null ? [...defaults] : typeof depends === 'string' ? [depends] : (depends as string[]);
  const problems = defaults.filter((name) => !relations.includes(name)).map((name) => `electron-builder's default ${name} is missing`);
  for (const relation of relations) {
    const bad = alternativesOf(relation).filter((alternative) => !ALTERNATIVE.test(alternative));
    if (bad.length) problems.push(`"${relation}" is not a Debian relation`);
  }
  const pkexec = relations.filter((relation) =>
    alternativesOf(relation).some((alternative) => PKEXEC_PROVIDERS.includes(packageOf(alternative))),
  );
  if (!pkexec.some((relation) => alternativesOf(relation).some((alternative) => packageOf(alternative) === 'pkexec'))) {
    problems.push('no relation names the pkexec package (Debian 12 and later ship /usr/bin/pkexec in it)');
  }
  for (const relation of pkexec) {
    const others = alternativesOf(relation).filter((alternative) => !PKEXEC_PROVIDERS.includes(packageOf(alternative)));
    if (others.length) problems.push(`"${relation}" offers ${others.join(', ')}, which does not provide /usr/bin/pkexec`);
  }
  return problems;
}

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder’s own configuration check (Ajv over scheme.json)', async () => {
    expect(scheme.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(await builderVerdict(loadConfig())).toBeNull();
  });

  it.each([
    ['an unknown top-level key', (c: BuilderConfig) => ({ ...c, debb: { depends: [] } }), "configuration has an unknown property 'debb'"],
    // Inside an anyOf (deb: DebOptions | null) electron-builder reports the anyOf, not the unknown key.
    [
      'a misspelt deb option',
      (c: BuilderConfig) => ({ ...c, deb: { ...c.deb, dependencies: ['libnss3'] } }),
      'configuration.deb should be one of these',
    ],
    ['depends of the wrong type', (c: BuilderConfig) => ({ ...c, deb: { depends: { pkexec: true } } }), 'configuration.deb.depends'],
    ['a removed option', (c: BuilderConfig) => ({ ...c, npmSkipBuildFromSource: false }), 'npmSkipBuildFromSource is deprecated'],
  ])('is refused with %s', async (_what, breakIt, message) => {
    const verdict = await builderVerdict(breakIt(loadConfig()));
    expect(verdict).toContain(message);
  });

  it("keeps every one of electron-builder's default deb dependencies and adds pkexec's package", () => {
    // The two places electron-builder states the defaults agree, and libsecret (safeStorage) is among them.
    expect(DEFAULT_DEB_DEPENDS).toEqual(scheme.definitions.DebOptions.properties.depends.default);
    expect(DEFAULT_DEB_DEPENDS).toContain('libsecret-1-0');
    const config = loadConfig();
    expect(debDependsProblems(config, DEFAULT_DEB_DEPENDS)).toEqual([]);
    expect(config.deb?.depends).toEqual(expect.arrayContaining([...DEFAULT_DEB_DEPENDS, 'pkexec | policykit-1']));
  });

  it.each([
    [
      'the old list that replaced the defaults',
      ['policykit-1'],
      [
        "electron-builder's default libgtk-3-0 is missing",
        "electron-builder's default libsecret-1-0 is missing",
        'no relation names the pkexec package',
      ],
    ],
    ['no depends at all (defaults only)', null, ['no relation names the pkexec package']],
    ['the defaults without pkexec', 'defaults', ['no relation names the pkexec package']],
    ['a wrong alternative', ['defaults', 'pkexec | sudo'], ['"pkexec | sudo" offers sudo, which does not provide /usr/bin/pkexec']],
    ['a malformed relation', ['defaults', 'pkexec || policykit-1'], ['"pkexec || policykit-1" is not a Debian relation']],
  ])('finds the deb dependencies wrong with %s', (_what, depends, expected) => {
    const expand = (list: unknown) =>
      list === 'defaults'
        ? [...DEFAULT_DEB_DEPENDS]
        : Array.isArray(list)
          ? list.flatMap((item) => (item === 'defaults' ? DEFAULT_DEB_DEPENDS : [item]))
          : list;
    const problems = debDependsProblems({ ...loadConfig(), deb: { depends: expand(depends) } }, DEFAULT_DEB_DEPENDS);
    for (const problem of expected) expect(problems.some((found) => found.startsWith(problem))).toBe(true);
  });
});
