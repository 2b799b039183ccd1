// `npm test`: typecheck, lint, unit, integration, build and E2E, then one summary line per suite,
// a closing "N passed, N failed" line and test-results/summary.json for tools to read.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const results = path.resolve('test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.resolve('node_modules', '.bin', name);

function run(label, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: status === 0, seconds: (Date.now() - started) / 1000 };
}

function gate(label, command, args) {
  const { ok } = run(label, command, args);
  if (!ok) {
    console.error(`\n✖ ${label} failed`);
    process.exit(1);
  }
}

function vitestSuite(name, dir) {
  const file = path.join(results, `${name}.json`);
  const { seconds } = run(`${name} tests`, bin('vitest'), ['run', dir, '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  const report = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  if (!report) return { name, passed: 0, failed: 1, skipped: 0, seconds, note: 'no report written' };
  // A test file that fails to load fails the run without failing a test: count it.
  const loadErrors = !report.success && report.numFailedTests === 0 ? 1 : 0;
  return { name, passed: report.numPassedTests, failed: report.numFailedTests + loadErrors, skipped: report.numPendingTests + report.numTodoTests, seconds };
}

function e2eSuite() {
  const file = path.join(results, 'e2e.json');
  const { seconds } = run('e2e specs', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  const report = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  if (!report) return { name: 'e2e', passed: 0, failed: 1, skipped: 0, seconds, note: 'no report written' };
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  return { name: 'e2e', passed: expected + flaky, failed: unexpected + (report.errors?.length ?? 0), skipped, seconds };
}

gate('typecheck', 'npm', ['run', '--silent', 'typecheck']);
gate('lint', 'npm', ['run', '--silent', 'lint']);
const suites = [vitestSuite('unit', 'tests/unit'), vitestSuite('integration', 'tests/integration')];
gate('build', bin('electron-vite'), ['build']);
suites.push(e2eSuite());

const total = suites.reduce((sum, s) => ({ passed: sum.passed + s.passed, failed: sum.failed + s.failed, skipped: sum.skipped + s.skipped }), { passed: 0, failed: 0, skipped: 0 });
fs.writeFileSync(path.join(results, 'summary.json'), JSON.stringify({ suites, total }, null, 2));
console.log('\nSummary');
for (const s of suites) console.log(`  ${s.name.padEnd(12)} ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped (${s.seconds.toFixed(1)} s)${s.note ? ` — ${s.note}` : ''}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);
