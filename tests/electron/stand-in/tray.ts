/** Tray: the icon, tooltip and context menu main sets are recorded; the test side clicks it (see requests.ts). */
import { EventEmitter } from 'node:events';
import { requireReady } from './app';
import { trays } from './live-objects';
import type { Menu } from './menu';
import type { NativeImage } from './native-image';

export class Tray extends EventEmitter {
  image: NativeImage;
  tooltip = '';
  menu: Menu | null = null;
  destroyed = false;

  constructor(image: NativeImage) {
    super();
    requireReady('Tray');
    this.image = image;
    trays.push(this);
  }

  setImage(image: NativeImage): void {
    this.image = image;
  }

  setToolTip(text: string): void {
    this.tooltip = text;
  }

  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}
