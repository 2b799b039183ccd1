import fs from 'node:fs';
import path from 'node:path';
import log from 'electron-log/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, logToDirectory } from '../../../src/main/log';
import { PRIVATE_FILE_MODE } from '../../../src/main/store/data-folder';
import { tempDir } from '../../helpers/harness';

describe('the log file in the data folder', () => {
  const maxSize = log.transports.file.maxSize;
  afterEach(() => {
    log.transports.file.maxSize = maxSize;
    log.transports.file.level = false;
  });

  it.skipIf(process.platform === 'win32')('is readable by the trader only, the rotated one and the new one after it too', () => {
    const dir = tempDir();
    const umask = process.umask(0o022);
    try {
      logToDirectory(dir, PRIVATE_FILE_MODE);
      log.transports.file.maxSize = 300;
      const logger = createLogger('test');
      for (let line = 0; line < 20; line++) logger.info(`line ${line} of a log long enough to be rotated`);
    } finally {
      process.umask(umask);
    }
    const files = fs.readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['riskwarden.log', 'riskwarden.old.log']));
    for (const file of files) expect((fs.statSync(path.join(dir, file)).mode & 0o777).toString(8)).toBe('600');
  });
});
