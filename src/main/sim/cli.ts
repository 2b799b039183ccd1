/** `npm run sim -- --port 18080 [--no-random-walk] [--wire-format live|documented] [--no-market-data]` */
import { parseArgs } from 'node:util';
import { startSimulator } from './simulator';
import { defaultWireFormat, WIRE_FORMATS, type WireFormat } from './wire-format';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '18080' },
    'no-random-walk': { type: 'boolean', default: false },
    'wire-format': { type: 'string' },
    'no-market-data': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a TCP port number (0-65535), got ${values.port}`);
  process.exit(2);
}
const wireFormat = values['wire-format'] ?? defaultWireFormat();
if (!(WIRE_FORMATS as readonly string[]).includes(wireFormat)) {
  console.error(`--wire-format must be ${WIRE_FORMATS.join(' or ')}, got ${wireFormat}`);
  process.exit(2);
}

const sim = await startSimulator({
  port,
  randomWalk: !values['no-random-walk'],
  wireFormat: wireFormat as WireFormat,
  marketData: !values['no-market-data'],
});
console.log(`Simulator: ${sim.url} (REST ${sim.url}/api, hubs ${sim.url}/hubs/user and /hubs/market, control ${sim.url}/sim/state)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void sim.close().then(() => process.exit(0)));
