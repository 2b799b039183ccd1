// What `npm start` runs: the Electron app when its runtime and an Electron build of better-sqlite3 are
// (or can now be) installed, otherwise the web host — and then it says why. The steps are injected
// (scripts/runtime-steps.mjs has the real ones) so the decision is tested with the download faked.

/** The first non-empty line of an error's message: the part a person needs to read. */
export function firstLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? 'unknown error'
  );
}

/**
 * steps.ensureElectron(): resolves to the Electron executable, fetching the runtime first if it is not
 * installed; rejects when it cannot be installed completely. steps.ensureSqliteForElectron(electron):
 * resolves once better-sqlite3 for Electron's ABI is in place; rejects when it cannot be.
 * Resolves to { runtime: 'electron', electron } or { runtime: 'web', reason }; never rejects.
 */
export async function chooseRuntime({ ensureElectron, ensureSqliteForElectron, log }) {
  let electron;
  try {
    electron = await ensureElectron();
  } catch (error) {
    return fallBack(log, `the Electron runtime could not be installed: ${firstLine(error)}`);
  }
  try {
    await ensureSqliteForElectron(electron);
  } catch (error) {
    return fallBack(log, `better-sqlite3 (the database driver) could not be made ready for Electron: ${firstLine(error)}`);
  }
  return { runtime: 'electron', electron };
}

function fallBack(log, reason) {
  log(`Not starting the desktop app: ${reason}.`);
  log('Serving the same dashboard in your browser instead (the web host); open the Dashboard address printed below.');
  return { runtime: 'web', reason };
}
