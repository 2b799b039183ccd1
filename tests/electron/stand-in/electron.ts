/**
 * A stand-in for the `electron` module, loaded in place of it (see register.ts) when the built
 * main process `out/main/index.js` runs under Node. Electron's runtime cannot be downloaded on
 * every machine; this lets the real main process, service, store and engine run as the desktop
 * app does, with only the Electron runtime faked.
 *
 * Each piece mirrors Electron 45's documented behaviour and its source (cited per piece):
 * lifecycle and the quit sequence (shell/browser/browser.cc; app.ts), window close and destruction
 * (native_window.cc, base_window.cc; browser-window.ts), invoke dispatch and its error text
 * (lib/browser/api/web-contents.ts, lib/renderer/api/ipc-renderer.ts; ipc-main.ts), safeStorage
 * (shell/browser/api/electron_api_safe_storage.cc; safe-storage.ts). OS surfaces (tray, menus,
 * notifications, dialogs: tray.ts, menu.ts, native-image.ts, os-surfaces.ts) record what main asked
 * for and answer from a script, so tests can read and drive them. What it cannot mirror: GPU, real
 * OS prompts and shell integration, native window managers, Chromium's own process model.
 *
 * The test side talks to this process over Node's IPC channel (see harness.ts): it reads the
 * recorded state (state.ts), clicks tray items, closes windows, asks to quit (requests.ts), and
 * carries the renderer's `ipcRenderer.invoke` calls and main's `webContents.send` messages.
 *
 * This file is the module entry: it starts serving the harness, then finishes launching once main's
 * first run is done, and exports what `electron` exports to main.
 */
import { app } from './app';
import { BrowserWindow } from './browser-window';
import { ipcMain } from './ipc-main';
import { recordMainErrors } from './main-errors';
import { Menu } from './menu';
import { nativeImage } from './native-image';
import { Notification, dialog, shell, powerMonitor } from './os-surfaces';
import { serveHarness } from './requests';
import { safeStorage } from './safe-storage';
import { Tray } from './tray';
import { globalShortcut } from './global-shortcut';

export { app, BrowserWindow, ipcMain, safeStorage, nativeImage, Menu, Tray, Notification, dialog, shell, powerMonitor, globalShortcut };

serveHarness();
recordMainErrors();

setImmediate(() => app.finishLaunching());

export default {
  app,
  BrowserWindow,
  ipcMain,
  safeStorage,
  nativeImage,
  Menu,
  Tray,
  Notification,
  dialog,
  shell,
  powerMonitor,
  globalShortcut,
};
