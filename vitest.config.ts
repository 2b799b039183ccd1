import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    env: { RW_LOG_LEVEL: 'silent' },
    coverage: {
      provider: 'v8',
      include: ['src/main/**/*.ts', 'src/shared/**/*.ts'],
      // Code that imports Electron cannot run without its runtime; the E2E specs cover it where it exists.
      exclude: ['src/main/index.ts', 'src/main/desktop/{window,ipc-bridge,preload,tray,safe-storage-box}.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'coverage',
      thresholds: {
        lines: 85,
        'src/main/engine/**': { lines: 95 },
        'src/main/enforcement/**': { lines: 95 },
        'src/main/schedule/**': { lines: 95 },
      },
    },
  },
});
