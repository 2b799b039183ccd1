// Where the Electron runtime is, when its download could be installed; null where it could not.
// Shared by `npm start` and the Electron E2E specs, so both agree on whether it exists.
import fs from 'node:fs';
import path from 'node:path';

const read = (file) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/**
 * The Electron executable, or null unless the runtime is completely installed. Mirrors
 * node_modules/electron/install.js `isInstalled()`: dist/version names this package's version and
 * path.txt (written only after the zip is fully extracted) names an executable that exists.
 * ELECTRON_OVERRIDE_DIST_PATH is honoured as electron's index.js and install.js honour it.
 */
export function electronBinary(root = process.cwd()) {
  const dir = path.join(root, 'node_modules', 'electron');
  const executable = read(path.join(dir, 'path.txt'))?.trim();
  if (!executable) return null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override) {
    const version = electronVersion(root);
    const installed = read(path.join(dir, 'dist', 'version'))
      ?.trim()
      .replace(/^v/, '');
    if (version === null || installed !== version) return null;
  }
  const binary = path.join(override || path.join(dir, 'dist'), executable);
  return fs.existsSync(binary) ? binary : null;
}

/** The version of the installed electron package (node_modules/electron/package.json), or null. */
export function electronVersion(root = process.cwd()) {
  const pkg = read(path.join(root, 'node_modules', 'electron', 'package.json'));
  return pkg === null ? null : (JSON.parse(pkg).version ?? null);
}

/** Electron's NODE_MODULE_VERSION (node_modules/electron/abi_version), what `process.versions.modules` says inside it. */
export function electronAbi(root = process.cwd()) {
  return read(path.join(root, 'node_modules', 'electron', 'abi_version'))?.trim() || null;
}

/**
 * Where better-sqlite3's addon built for Electron's ABI lives, beside the Node build that `npm test`
 * loads. src/main/store/database.ts (sqliteNativeBinding) opens the same path; a unit test keeps the two in step.
 */
export function electronSqliteBinary(root = process.cwd(), abi = electronAbi(root)) {
  return path.join(root, 'node_modules', '.riskwarden', `electron-${abi}`, 'better_sqlite3.node');
}
