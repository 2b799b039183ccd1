/**
 * ProjectX firms with known hosts (PROJECTX.md §1). The realtime URL is the base the hubs hang
 * off (`/hubs/user`, `/hubs/market`). Any other firm: choose "custom" and enter its URLs.
 */
export interface FirmPreset {
  id: string;
  name: string;
  apiUrl: string;
  rtcUrl: string;
}

export const FIRM_PRESETS: readonly FirmPreset[] = [
  { id: 'topstepx', name: 'TopstepX', apiUrl: 'https://api.topstepx.com', rtcUrl: 'https://rtc.topstepx.com' },
  { id: 'alphaticks', name: 'Alpha Ticks', apiUrl: 'https://api.alphaticks.projectx.com', rtcUrl: 'https://rtc.alphaticks.projectx.com' },
  {
    id: 'blueguardianfutures',
    name: 'Blue Guardian Futures',
    apiUrl: 'https://api.blueguardianfutures.projectx.com',
    rtcUrl: 'https://rtc.blueguardianfutures.projectx.com',
  },
  {
    id: 'thefuturesdesk',
    name: 'The Futures Desk',
    apiUrl: 'https://api.thefuturesdesk.projectx.com',
    rtcUrl: 'https://rtc.thefuturesdesk.projectx.com',
  },
  {
    id: 'projectx-demo',
    name: 'ProjectX demo hosts',
    apiUrl: 'https://gateway-api-demo.s2f.projectx.com',
    rtcUrl: 'https://gateway-rtc-demo.s2f.projectx.com',
  },
];

export const CUSTOM_FIRM = 'custom';
