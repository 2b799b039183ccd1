/**
 * Why a hub would not start. `@microsoft/signalr` reports every refused WebSocket upgrade as "WebSocket
 * failed to connect…", whatever the HTTP status; a login without the market-data entitlement gets 401 on
 * the market hub only (PROJECTX.md §13), which must read differently from a hub that is down. So the same
 * upgrade is tried once more, bare, to read its status.
 */
import WebSocket from 'ws';

/** The HTTP status the hub's WebSocket upgrade answers with this token (101 when accepted); null when nothing answers. */
export function upgradeStatus(hubUrl: string, token: string, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(hubUrl.replace(/^http/, 'ws'), {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: timeoutMs,
    });
    socket.on('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? null);
      request.destroy();
    });
    socket.on('open', () => {
      resolve(101);
      socket.terminate();
    });
    socket.on('error', () => resolve(null));
  });
}

/** The words for a market hub that would not start: refused (401/403), or not reached and why. */
export async function whyHubFailed(hubUrl: string, token: string, error: Error): Promise<string> {
  const status = await upgradeStatus(hubUrl, token);
  if (status === 401 || status === 403) return `the market hub refused this login (${status})`;
  return `the market hub could not be reached (${error.message})`;
}
