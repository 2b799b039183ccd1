/** The tray icon: follows the snapshot (at most once a second), and its menu shows, locks and quits. */
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import path from 'node:path';
import type { Snapshot } from '../../shared/contract';
import { trayState, type TrayIcon, type TrayState } from './tray-state';

const REFRESH_MS = 1000;

export interface TrayActions {
  show(): void;
  quit(): void;
}

export class WardenTray {
  private readonly tray: Tray;
  private readonly icons: Record<TrayIcon, NativeImage>;
  private shown: TrayState | null = null;
  private latest: Snapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPaint = 0;

  constructor(
    assetsDir: string,
    private readonly actions: TrayActions,
  ) {
    const load = (icon: TrayIcon) => nativeImage.createFromPath(path.join(assetsDir, `tray-${icon}.png`));
    this.icons = { ok: load('ok'), warning: load('warning'), locked: load('locked'), disconnected: load('disconnected') };
    this.tray = new Tray(this.icons.disconnected);
    this.tray.on('click', () => actions.show());
    this.paint();
  }

  /** Called for every pushed snapshot; the icon changes within a second of the state. */
  update(snapshot: Snapshot): void {
    this.latest = snapshot;
    const wait = this.lastPaint + REFRESH_MS - Date.now();
    if (wait <= 0) this.paint();
    else this.timer ??= setTimeout(() => this.paint(), wait);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.tray.destroy();
  }

  private paint(): void {
    this.timer = null;
    this.lastPaint = Date.now();
    const state = trayState(this.latest);
    if (this.shown?.icon !== state.icon) this.tray.setImage(this.icons[state.icon]);
    if (this.shown?.tooltip !== state.tooltip) {
      this.tray.setToolTip(state.tooltip);
      this.tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: 'Show dashboard', click: () => this.actions.show() },
          { type: 'separator' },
          ...state.tooltip.split('\n').map((line) => ({ label: line, enabled: false })),
          { type: 'separator' },
          { label: 'Quit Risk Warden…', click: () => this.actions.quit() },
        ]),
      );
    }
    this.shown = state;
  }
}
