/** What Electron's objects share: the event passed to listeners, and the error a destroyed object throws. */

/** Electron's app/window events: `preventDefault()` sets `defaultPrevented`. */
export class ElectronEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export function destroyedError(): TypeError {
  return new TypeError('Object has been destroyed');
}
