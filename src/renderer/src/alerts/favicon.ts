/**
 * The tab's icon for each dashboard state: a colour and a shape, so the state reads without telling
 * colours apart — a green disc with a tick, an amber triangle with "!", a red octagon with a bar
 * (stop), a grey ring with a clock hand (stale), a grey square with a cross (offline). Drawn as an
 * SVG data: URL, which the page's CSP (img-src 'self' data:) allows.
 */
import type { DashboardState } from './dashboard-state';

const SHAPES: Record<DashboardState, string> = {
  ok: '<circle cx="16" cy="16" r="15" fill="#1a7f37"/><path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>',
  warning:
    '<path d="M16 2L31 29H1z" fill="#d4a017" stroke="#5c4300" stroke-width="1.5" stroke-linejoin="round"/><path d="M16 11v9" stroke="#1f1600" stroke-width="3.5" stroke-linecap="round"/><circle cx="16" cy="24.5" r="2" fill="#1f1600"/>',
  locked: '<path d="M10 1h12l9 9v12l-9 9H10l-9-9V10z" fill="#c62828"/><rect x="7" y="13.5" width="18" height="5" rx="1" fill="#fff"/>',
  stale:
    '<circle cx="16" cy="16" r="13" fill="#fff" stroke="#6b7280" stroke-width="4" stroke-dasharray="6 3"/><path d="M16 9v7l5 3" fill="none" stroke="#374151" stroke-width="3" stroke-linecap="round"/>',
  offline:
    '<rect x="1" y="1" width="30" height="30" rx="5" fill="#6b7280"/><path d="M10 10l12 12M22 10L10 22" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/>',
};

export function faviconSvg(state: DashboardState): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" data-state="${state}">${SHAPES[state]}</svg>`;
}

export function faviconHref(state: DashboardState): string {
  return `data:image/svg+xml,${encodeURIComponent(faviconSvg(state))}`;
}
