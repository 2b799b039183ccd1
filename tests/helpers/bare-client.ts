/** A bare client of the simulator, as a test of its wire uses one: a key login over REST, a hub over WebSockets. */
import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr';
import type { Simulator } from '../../src/main/sim/simulator';

/** The session token the simulator gives `userName` for a key login. */
export async function loginToken(sim: Simulator, userName: string): Promise<string> {
  const response = await fetch(`${sim.url}/api/Auth/loginKey`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName, apiKey: 'key' }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** A connection to one of the simulator's hubs, straight over WebSockets and silent, not yet started. */
export function hubConnection(sim: Simulator, name: 'user' | 'market', token: string): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(`${sim.url}/hubs/${name}`, {
      skipNegotiation: true,
      transport: HttpTransportType.WebSockets,
      accessTokenFactory: () => token,
    })
    .configureLogging(LogLevel.None)
    .build();
}
