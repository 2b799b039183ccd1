/** The dashboard window: sandboxed, isolated, no Node, no navigation away, no new windows. */
import { BrowserWindow, shell } from 'electron';
import { fileURLToPath } from 'node:url';

/** `devServer`: electron-vite's renderer dev server, honoured only when the app is not packaged. */
export function createDashboardWindow(devServer: string | null): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Risk Warden',
    show: false,
    backgroundColor: '#0f1419',
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
  return window;
}
