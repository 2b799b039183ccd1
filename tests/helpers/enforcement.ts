/** The parts an enforcement test drives by hand, built as the service builds them, over a fresh test store. */
import { MarketBook } from '../../src/main/engine/market-book';
import { Executor } from '../../src/main/enforcement/executor';
import { Lockouts } from '../../src/main/enforcement/lockouts';
import { recorderOf } from '../unit/service/recorder-of';
import { ScriptedBroker } from './broker';
import { FakeClock } from './fake-clock';
import { openTestStore } from './store';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** 15:00 UTC on a trading day whose reset is at 23:00 UTC; a live executor calling a scripted broker. */
export function enforcementParts() {
  const clock = new FakeClock(Date.parse('2026-11-24T15:00:00Z'));
  const broker = new ScriptedBroker();
  const { store, db } = openTestStore();
  const recorder = recorderOf(store);
  const lockouts = new Lockouts(store, recorder, () => ({ schedule: { timezone: 'UTC', resetTime: '23:00' }, session: null }));
  const executor = new Executor({
    broker,
    recorder,
    clock,
    logger: silent,
    journal: { add() {} },
    contracts: new MarketBook(),
    mode: 'live',
  });
  return { clock, broker, store, db, recorder, lockouts, executor };
}
