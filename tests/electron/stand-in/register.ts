/** `node --import tsx --import ./tests/electron/stand-in/register.ts out/main/index.js`: `electron` resolves to the stand-in. */
import { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url);
