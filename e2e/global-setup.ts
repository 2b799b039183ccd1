import { ELECTRON_SKIP_REASON, electronBinary } from './electron-binary';

export default function globalSetup(): void {
  if (!electronBinary()) console.log(`Electron E2E specs skipped: ${ELECTRON_SKIP_REASON}.`);
}
