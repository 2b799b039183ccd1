import { describe, expect, it } from 'vitest';
import { LoopbackNames } from '../../../src/main/web/loopback-names';

const names = new LoopbackNames(4321);

describe('LoopbackNames', () => {
  it.each(['127.0.0.1:4321', 'localhost:4321', 'LOCALHOST:4321', '[::1]:4321'])('answers to Host %s', (host) => {
    expect(names.hostAllowed(host)).toBe(true);
  });

  it.each([undefined, '', '127.0.0.1', '127.0.0.1:80', 'evil.example:4321', '127.0.0.1.evil.example:4321', '[::1]'])(
    'refuses Host %s',
    (host) => {
      expect(names.hostAllowed(host)).toBe(false);
    },
  );

  it.each([undefined, 'http://127.0.0.1:4321', 'http://localhost:4321', 'http://[::1]:4321'])('accepts Origin %s', (origin) => {
    expect(names.originAllowed(origin)).toBe(true);
  });

  it.each(['null', 'http://evil.example', 'https://127.0.0.1:4321', 'http://127.0.0.1:4322', 'http://127.0.0.1'])(
    'refuses Origin %s',
    (origin) => {
      expect(names.originAllowed(origin)).toBe(false);
    },
  );
});
