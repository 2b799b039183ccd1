/**
 * Risk Warden in demo mode (simulator in-process) in a process of its own, started with the config
 * file and data folder given as arguments and hot reload every 50 ms, so that a probe which blocks
 * the event loop or exhausts memory shows as a process that stops answering or exits. Talks to the
 * test over IPC: sends { ready } or { refused } (the start-up refusal, then exits 2); answers
 * 'status' with { status } (the config state, the RULE-001 limit, the longest timeline detail) and
 * 'memory' with { memory }.
 */
import { launch, type Launched } from '../../src/main/service/launch';

const [dataDir, configFile] = process.argv.slice(2) as [string, string];
const send = (message: unknown) => process.send?.(message);

let launched: Launched;
try {
  launched = await launch({ gateway: null, configFile, dataDir, randomWalk: false, configPollMs: 50 });
} catch (error) {
  send({ refused: (error as Error).message });
  process.exit(2);
}
send({ ready: { simUrl: launched.simulator!.url } });

process.on('message', (message) => {
  if (message === 'status') {
    const snapshot = launched.service.snapshot();
    send({
      status: {
        config: snapshot.config,
        limit: snapshot.accounts[0]?.rules.find((r) => r.ruleId === 'RULE-001')?.limit ?? null,
        longestTimelineDetail: Math.max(0, ...snapshot.timeline.map((e) => e.detail?.length ?? 0)),
        auditDetails: launched.service.auditLog(50).map((e) => e.detail?.length ?? 0),
      },
    });
  }
  if (message === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    send({ memory: process.memoryUsage() });
  }
});
