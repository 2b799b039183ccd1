/** The tray icon: follows the snapshot (at most once a second), and its menu shows, locks and quits. */
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import path from 'node:path';
import type { Snapshot } from '../../shared/contract';
import { fitTooltip, trayState, WINDOWS_TOOLTIP_MAX, type TrayIcon, type TrayStateOptions, type TrayView } from './tray-state';

const REFRESH_MS = 1000;
const LIMITS: TrayStateOptions = process.platform === 'win32' ? { maxTooltip: WINDOWS_TOOLTIP_MAX } : {};

export interface TrayActions {
  show(): void;
  quit(): void;
  /** Flattens every guarded account and locks each until the daily reset. */
  killSwitch(): void;
}

/** The tray's kill switch item: a menu opened and an item chosen is already two deliberate steps. */
export const KILL_SWITCH_ITEM = 'Kill switch: flatten and lock all accounts';

export class WardenTray {
  private readonly tray: Tray;
  private readonly icons: Record<TrayIcon, NativeImage>;
  private shown: TrayView | null = null;
  private latest: Snapshot | null = null;
  private problem: string | null = null;
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
    this.problem = null;
    const wait = this.lastPaint + REFRESH_MS - Date.now();
    if (wait <= 0) this.paint();
    else this.timer ??= setTimeout(() => this.paint(), wait);
  }

  /** No service is running (a failed start being retried): say why, at once. */
  showProblem(text: string): void {
    this.latest = null;
    this.problem = text;
    this.paint();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.tray.destroy();
  }

  private paint(): void {
    this.timer = null;
    this.lastPaint = Date.now();
    const state = this.problem ? problemView(`Risk Warden — ${this.problem}`) : trayState(this.latest, LIMITS);
    if (this.shown?.icon !== state.icon) this.tray.setImage(this.icons[state.icon]);
    // A cut tooltip can stay the same while a line only the menu shows changes.
    if (this.shown?.tooltip !== state.tooltip || this.shown.menu.join('\n') !== state.menu.join('\n')) {
      this.tray.setToolTip(state.tooltip);
      this.tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: 'Show dashboard', click: () => this.actions.show() },
          { label: KILL_SWITCH_ITEM, click: () => this.actions.killSwitch() },
          { type: 'separator' },
          ...state.menu.map((line) => ({ label: line, enabled: false })),
          { type: 'separator' },
          { label: 'Quit Risk Warden…', click: () => this.actions.quit() },
        ]),
      );
    }
    this.shown = state;
  }
}

function problemView(text: string): TrayView {
  return { icon: 'disconnected', tooltip: LIMITS.maxTooltip ? fitTooltip(text, [], LIMITS.maxTooltip) : text, menu: [text] };
}
