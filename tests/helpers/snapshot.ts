/** Dashboard snapshots as main would push them, for the desktop shell's pure functions. */
import type { AccountView, Snapshot } from '../../src/shared/contract';
import { WARNING_STEPS, warningStep, type RuleStatus } from '../../src/shared/rules';

export function rule(state: RuleStatus['state'], usage: number): RuleStatus {
  return {
    ruleId: 'RULE-003',
    name: 'daily_realized_loss',
    title: 'Daily loss limit',
    enabled: state !== 'off',
    value: -500 * usage,
    limit: -500,
    unit: 'usd',
    usage,
    breached: state === 'breached',
    state,
    gauge: true,
    steps: [...WARNING_STEPS],
    step: warningStep(usage),
    description: 'Flattens and locks at a $500.00 daily loss',
    imminent: null,
    summary: '',
    lastBreachAt: null,
    override: null,
  };
}

export function accountView(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: 7001,
    name: 'PRAC-V2-RW-DEMO-50K',
    balance: 50_000,
    canTrade: true,
    pnl: { realized: -120.5, unrealized: 20, total: -100.5, fees: 1.48 },
    tradeCount: 2,
    positions: [],
    openOrders: [],
    rules: [rule('ok', 0.2)],
    lockout: null,
    unlock: null,
    ...overrides,
  };
}

export function snapshotOf(accounts: AccountView[], overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    mode: 'live',
    enforcementMode: 'live',
    connection: { state: 'live', detail: null, since: '2026-11-24T14:00:00.000Z' },
    tradingDay: { start: '2026-11-23T23:00:00.000Z', nextReset: '2026-11-24T23:00:00.000Z', timezone: 'America/Chicago' },
    config: { file: null, error: null, errorSummary: null, pendingAtReset: [] },
    accounts,
    problems: [],
    timeline: [],
    demo: null,
    marksStaleAfterMs: 15_000,
    generatedAt: '2026-11-24T15:00:00.000Z',
    ...overrides,
  };
}
