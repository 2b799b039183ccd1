/** `npm run sim -- --port 18080 [--no-random-walk] [--wire-format live|documented]` */
import { parseArgs } from 'node:util';
import { startSimulator } from './simulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '18080' },
    'no-random-walk': { type: 'boolean', default: false },
    'wire-format': { type: 'string', default: 'live' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a TCP port number (0-65535), got ${values.port}`);
  process.exit(2);
}
const wireFormat = values['wire-format'];
if (wireFormat !== 'live' && wireFormat !== 'documented') {
  console.error(`--wire-format must be live or documented, got ${wireFormat}`);
  process.exit(2);
}

const sim = await startSimulator({ port, randomWalk: !values['no-random-walk'], wireFormat });
console.log(`Simulator: ${sim.url} (REST ${sim.url}/api, hubs ${sim.url}/hubs/user and /hubs/market, control ${sim.url}/sim/state)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void sim.close().then(() => process.exit(0)));
