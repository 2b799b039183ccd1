/**
 * What the simulator's root (GET /) answers: a short plain HTML page saying what it is, its REST
 * endpoints and hubs, and its control API with a curl line each. No scripts, no styles from elsewhere.
 */
import { SIM_CONTRACTS_BY_SYMBOL } from './contracts';
import { DEMO_ACCOUNTS } from './accounts';

const MNQ = SIM_CONTRACTS_BY_SYMBOL.MNQ;

/** The control API: path, what it does, and a curl line (with `URL` for the simulator's address). */
export const CONTROL_CALLS: readonly { path: string; does: string; curl: string }[] = [
  {
    path: 'GET /sim/state',
    does: 'accounts, prices, positions, working orders and trades, as JSON',
    curl: 'curl URL/sim/state',
  },
  {
    path: 'POST /sim/price',
    does: 'set a contract’s last price: a quote goes out and resting stops and limits trigger',
    curl: `curl -X POST URL/sim/price -H 'content-type: application/json' -d '{"contractId":"${MNQ.id}","price":21010.25}'`,
  },
  {
    path: 'POST /sim/feed',
    does: 'start or stop the random walk of prices',
    curl: `curl -X POST URL/sim/feed -H 'content-type: application/json' -d '{"randomWalk":false}'`,
  },
  {
    path: 'POST /sim/faults',
    does: 'make the gateway misbehave: REST errors, latency, dropped hub sockets, a paused market…',
    curl: `curl -X POST URL/sim/faults -H 'content-type: application/json' -d '{"pauseMarket":true}'`,
  },
  {
    path: 'POST /sim/account',
    does: 'allow or refuse trading on an account, as a broker does',
    curl: `curl -X POST URL/sim/account -H 'content-type: application/json' -d '{"accountId":${DEMO_ACCOUNTS[0]!.id},"canTrade":false}'`,
  },
  {
    path: 'POST /sim/elevation',
    does: 'what the test prompt answers the next admin unlock (with --test-elevator only)',
    curl: `curl -X POST URL/sim/elevation -H 'content-type: application/json' -d '{"answer":"deny"}'`,
  },
  {
    path: 'POST /sim/reset',
    does: 'back to the starting book: no positions, orders or trades, start prices, no faults',
    curl: 'curl -X POST URL/sim/reset',
  },
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page for a simulator at `url`, listing the REST endpoints it serves. */
export function rootPage(url: string, restEndpoints: readonly string[]): string {
  const rest = ['Auth/loginKey', 'Auth/validate', ...restEndpoints]
    .map((e) => `<li><code>POST /api/${escapeHtml(e)}</code></li>`)
    .join('\n');
  const control = CONTROL_CALLS.map(
    (call) =>
      `<li><code>${escapeHtml(call.path)}</code>: ${escapeHtml(call.does)}<br><code>${escapeHtml(call.curl.replaceAll('URL', url))}</code></li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Risk Warden simulator</title>
</head>
<body>
<h1>Risk Warden simulator</h1>
<p>This is the built-in ProjectX-compatible simulator Risk Warden uses in demo mode: a pretend broker with one practice account
(${escapeHtml(DEMO_ACCOUNTS[0]!.name)}) and a few futures contracts. No real money and no real market: orders fill at the last price set here.</p>
<p>Risk Warden's dashboard has a demo panel that trades and moves prices here. Any other tool can too, through the API below.</p>
<h2>ProjectX REST API</h2>
<p>Log in with any non-empty user name and API key; the other endpoints take the token as <code>Authorization: Bearer …</code>.</p>
<ul>
${rest}
</ul>
<h2>Real-time hubs (SignalR)</h2>
<ul>
<li><code>${escapeHtml(url)}/hubs/user</code>: accounts, orders, positions and trades</li>
<li><code>${escapeHtml(url)}/hubs/market</code>: quotes and prints</li>
</ul>
<h2>Control API</h2>
<ul>
${control}
</ul>
</body>
</html>
`;
}
