/**
 * --jsonl FILE: one alert JSON object per line, appended (many runs and sensors can share a file
 * that a log shipper tails). Each line is written with one append so lines never interleave.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export class JsonlWriter {
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    // Fail now with a clear message rather than at the first alert.
    appendFileSync(file, '');
  }

  write(obj: unknown): void {
    appendFileSync(this.file, JSON.stringify(obj) + '\n');
  }
}
