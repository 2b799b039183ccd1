/** nativeImage, recorded by path: an image is empty when its file does not exist. */
import fs from 'node:fs';

export class NativeImage {
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return !fs.existsSync(this.path);
  }
}

export const nativeImage = {
  createFromPath: (file: string) => new NativeImage(file),
  createEmpty: () => new NativeImage(''),
};
