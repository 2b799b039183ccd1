/**
 * The page-side half of the stand-in: runs the built preload as Electron runs a sandboxed preload,
 * before any page script, in the main frame only, with a `require` that knows nothing but
 * `electron` (contextBridge, ipcRenderer) and the few modules a sandboxed preload may require.
 *
 * - `ipcRenderer.invoke` mirrors lib/renderer/api/ipc-renderer.ts: main answers `{ error, result }`
 *   and an error becomes `Error invoking remote method '<channel>': <error>`.
 * - `contextBridge.exposeInMainWorld` mirrors the documented copy semantics: functions are proxied,
 *   every other value is copied and frozen, a thrown error keeps only its message. The preload's
 *   own scope (its ipcRenderer) is not reachable from the page, as with context isolation; what
 *   Chromium's separate JavaScript world adds beyond that (separate prototypes) is not mirrored.
 *
 * The harness exposes `__rwStandInInvoke` (to main) and calls `__rwStandInDeliver` (from main's
 * webContents.send).
 */
export function sandboxedPreload(preloadSource: string): string {
  return `(() => {
  if (window.top !== window) return;
  const invokeMain = window.__rwStandInInvoke;
  const listeners = new Map();
  const copy = (value) => {
    if (typeof value === 'function') return (...args) => bridge(value(...args.map(copy)));
    if (value instanceof Error) return new Error(value.message);
    if (value && typeof value === 'object') {
      if (typeof value.then === 'function') return bridge(value);
      const out = Array.isArray(value) ? [] : {};
      for (const key of Object.keys(value)) out[key] = copy(value[key]);
      return Object.freeze(out);
    }
    return value;
  };
  const bridge = (value) => {
    if (value && typeof value.then === 'function') return Promise.resolve(value).then(copy, (error) => Promise.reject(copy(error instanceof Error ? error : new Error(String(error)))));
    return copy(value);
  };
  const ipcRenderer = {
    async invoke(channel, ...args) {
      const { error, result } = await invokeMain(channel, JSON.parse(JSON.stringify(args)));
      if (error) throw new Error("Error invoking remote method '" + channel + "': " + error);
      return result;
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  Object.defineProperty(window, '__rwStandInDeliver', {
    value: (channel, args) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: ipcRenderer }, ...args);
    },
  });
  const contextBridge = {
    exposeInMainWorld(key, api) {
      Object.defineProperty(window, key, { value: copy(api), enumerable: true });
    },
  };
  const allowed = { electron: { contextBridge, ipcRenderer } };
  const require = (name) => {
    if (name in allowed) return allowed[name];
    throw new Error("module not found: " + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}
