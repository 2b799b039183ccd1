/** The simulator's root address tells a newcomer what it is and how to drive it, instead of a 404. */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/main/sim/simulator';

let sim: Simulator | undefined;
afterEach(async () => sim?.close());

describe('GET / on the simulator', () => {
  it('answers a short HTML page naming what it is, its REST endpoints, hubs and control API with a curl line each', async () => {
    sim = await startSimulator({ port: 0 });
    const response = await fetch(`${sim.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('built-in ProjectX-compatible simulator Risk Warden uses in demo mode');
    for (const endpoint of ['Auth/loginKey', 'Order/place', 'Position/closeContract', 'Trade/search'])
      expect(html).toContain(`POST /api/${endpoint}`);
    expect(html).toContain(`${sim.url}/hubs/user`);
    for (const control of ['GET /sim/state', 'POST /sim/price', 'POST /sim/feed', 'POST /sim/faults', 'POST /sim/reset'])
      expect(html).toContain(control);
    expect(html).toContain(`curl -X POST ${sim.url}/sim/price -H &#39;content-type: application/json&#39;`);
    expect(html).toContain(`curl ${sim.url}/sim/state`);
    expect(html).not.toMatch(/<script/i);
  });

  it('has a curl line that works as written: the price call it shows moves the price', async () => {
    sim = await startSimulator({ port: 0 });
    const html = await (await fetch(`${sim.url}/`)).text();
    const line = /curl -X POST (\S+\/sim\/price) .*? -d &#39;(.*?)&#39;/.exec(html);
    expect(line).not.toBeNull();
    const body = line![2]!.replaceAll('&quot;', '"');
    const answer = await fetch(line![1]!, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(answer.status).toBe(200);
    expect(sim.exchange.price(JSON.parse(body).contractId)).toBe(JSON.parse(body).price);
  });

  it('answers HEAD without a body and keeps other paths a 404', async () => {
    sim = await startSimulator({ port: 0 });
    const head = await fetch(`${sim.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${sim.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${sim.url}/`, { method: 'POST' })).status).toBe(404);
  });
});
