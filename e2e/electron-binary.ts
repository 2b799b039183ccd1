export { electronBinary } from '../scripts/electron-binary.mjs';

export const ELECTRON_SKIP_REASON =
  'Electron runtime not installed (node_modules/electron/dist is missing: its download is not reachable here); the same flows run in Chromium through the web host';
