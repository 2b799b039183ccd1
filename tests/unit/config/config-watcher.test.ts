import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchConfigFile } from '../../../src/main/config/config-watcher';
import { tempDir } from '../../helpers/harness';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function watching(text: string) {
  vi.useFakeTimers();
  const file = path.join(tempDir(), 'risk-config.yaml');
  fs.writeFileSync(file, text);
  const reads = [vi.spyOn(fs, 'readFileSync'), vi.spyOn(fs, 'readSync'), vi.spyOn(fs, 'openSync')];
  const changes = vi.fn();
  const unwatch = watchConfigFile(file, changes, 500);
  return { file, changes, unwatch, reads: () => reads.reduce((sum, spy) => sum + spy.mock.calls.length, 0) };
}

describe('the config file watcher', () => {
  it('does not read an unchanged file at each poll', () => {
    const { changes, unwatch, reads } = watching('rules:\n  max_contracts: { limit: 5 }\n');
    vi.advanceTimersByTime(10 * 500);
    expect(reads()).toBe(0);
    expect(changes).not.toHaveBeenCalled();
    unwatch();
  });

  it('reports an edit once, from its size and modification time', () => {
    const { file, changes, unwatch } = watching('rules:\n  max_contracts: { limit: 5 }\n');
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 4 }\n  daily_realized_loss: { limit: -500 }\n');
    vi.advanceTimersByTime(3 * 500);
    expect(changes).toHaveBeenCalledTimes(1);
    unwatch();
  });

  it('reports a file saved with the same size but a new modification time', () => {
    const { file, changes, unwatch } = watching('rules:\n  max_contracts: { limit: 5 }\n');
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 4 }\n');
    const later = new Date(fs.statSync(file).mtimeMs + 2000);
    fs.utimesSync(file, later, later);
    vi.advanceTimersByTime(500);
    expect(changes).toHaveBeenCalledTimes(1);
    unwatch();
  });

  it('reports a file that is removed, and again when it comes back', () => {
    const { file, changes, unwatch } = watching('rules:\n  max_contracts: { limit: 5 }\n');
    fs.rmSync(file);
    vi.advanceTimersByTime(500);
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 4 }\n');
    vi.advanceTimersByTime(500);
    expect(changes).toHaveBeenCalledTimes(2);
    unwatch();
  });
});
