/** Menu: templates kept as given, so the test side can read the items and click them (see requests.ts). */
import type { RecordedMenuItem } from './protocol';

export interface MenuItemOptions {
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  click?: (item: unknown, window: unknown, event: unknown) => void;
  submenu?: MenuItemOptions[];
}

export class Menu {
  private static applicationMenu: Menu | null = null;

  constructor(readonly items: MenuItemOptions[]) {}

  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    return new Menu(template);
  }

  static setApplicationMenu(menu: Menu | null): void {
    Menu.applicationMenu = menu;
  }

  static getApplicationMenu(): Menu | null {
    return Menu.applicationMenu;
  }

  recorded(): RecordedMenuItem[] {
    return this.items.map((item) => ({
      label: item.label ?? '',
      type: item.type ?? 'normal',
      enabled: item.enabled !== false,
      role: item.role ?? null,
    }));
  }
}
