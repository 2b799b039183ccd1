import { describe, expect, it } from 'vitest';
import { loadOverrides } from '../../../src/main/service/admin-unlock';
import { openTestStore } from '../../helpers/store';

const SCHEDULE = { timezone: 'America/Chicago', resetTime: '17:00' };
const GRANTED = '2026-11-24T15:02:00.000Z';
/** 17:00 Chicago on the day of GRANTED: the end of its trading day. */
const DAY_END = '2026-11-24T23:00:00.000Z';

function storeWithOverride(until: string, approval: string | null) {
  const { store, db } = openTestStore();
  if (approval) store.audit(approval, 'admin', 'unlock approved', 7001, 'pkexec proved elevation');
  store.saveOverride({ accountId: 7001, ruleId: 'RULE-003', grantedAt: GRANTED, until, reason: 'desk', mode: 'suspend', baseline: null });
  return { store, db };
}

describe('overrides loaded at start', () => {
  it('takes an override granted with its approval, until the end of its trading day', () => {
    const { store, db } = storeWithOverride(DAY_END, '2026-11-24T15:02:00.004Z');
    const { overrides, refused } = loadOverrides(store, Date.parse('2026-11-24T16:00:00Z'), SCHEDULE);
    expect(refused).toEqual([]);
    expect(overrides.find(7001, 'RULE-003', Date.parse('2026-11-24T16:00:00Z'))).toMatchObject({
      mode: 'suspend',
      until: Date.parse(DAY_END),
    });
    db.close();
  });

  it('leaves out an override without an approval recorded with it', () => {
    const { store, db } = storeWithOverride(DAY_END, '2026-11-24T14:00:00.000Z');
    const { overrides, refused } = loadOverrides(store, Date.parse('2026-11-24T16:00:00Z'), SCHEDULE);
    expect(overrides.find(7001, 'RULE-003', Date.parse('2026-11-24T16:00:00Z'))).toBeNull();
    expect(refused).toEqual([`the RULE-003 override of account 7001 granted ${GRANTED}: no administrator approval was recorded with it`]);
    db.close();
  });

  it('leaves out an override that would outlast the trading day it was granted in', () => {
    const { store, db } = storeWithOverride('2026-11-25T23:00:00.000Z', GRANTED);
    const { overrides, refused } = loadOverrides(store, Date.parse('2026-11-24T16:00:00Z'), SCHEDULE);
    expect(overrides.find(7001, 'RULE-003', Date.parse('2026-11-24T16:00:00Z'))).toBeNull();
    expect(refused[0]).toMatch(/would last until 2026-11-25T23:00:00.000Z, past the trading day it was granted in$/);
    db.close();
  });
});
