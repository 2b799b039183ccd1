/**
 * Who listens on the simulator's hubs, as a test sees it to know a client has re-subscribed after
 * a drop; and a drop of one hub's sockets only.
 */
import { HubConnectionState, type HubConnection } from '@microsoft/signalr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/main/sim/simulator';
import { hubConnection, loginToken } from '../../helpers/bare-client';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator | undefined;
const hubs: HubConnection[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.stop()));
  await sim?.close();
});

async function connect(name: 'user' | 'market'): Promise<HubConnection> {
  const hub = hubConnection(sim!, name, await loginToken(sim!, 'pin'));
  hubs.push(hub);
  await hub.start();
  return hub;
}

describe('the hubs’ listeners', () => {
  it('lists each subscription of the open sockets, and a dropped hub’s no more while the other stays', async () => {
    sim = await startSimulator();
    const user = await connect('user');
    const market = await connect('market');
    await user.invoke('SubscribeAccounts');
    await user.invoke('SubscribeTrades', 7001);
    await market.invoke('SubscribeContractQuotes', MNQ);
    expect(sim.hubs.listeners()).toEqual(new Set(['user accounts', 'user trades 7001', `market quotes ${MNQ}`]));

    sim.hubs.dropAll('user');
    expect(sim.hubs.listeners()).toEqual(new Set([`market quotes ${MNQ}`]));
    await vi.waitFor(() => expect(user.state).not.toBe(HubConnectionState.Connected));
    expect(market.state).toBe(HubConnectionState.Connected);
  });
});
