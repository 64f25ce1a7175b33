/** A small JSON document on disk: read once, written whole (atomically) after each change, one write at a time. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class JsonFile<T> {
  private value: T;
  private writing = Promise.resolve();

  constructor(
    private readonly path: string,
    fallback: T,
  ) {
    this.value = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback;
  }

  get(): T {
    return this.value;
  }

  /** Replaces the value and writes it; resolves once it is on disk. */
  set(next: T): Promise<void> {
    this.value = next;
    const data = JSON.stringify(next, null, 1);
    this.writing = this.writing.then(() => {
      mkdirSync(dirname(this.path), { recursive: true });
      const temp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temp, data);
      renameSync(temp, this.path);
    });
    return this.writing;
  }

  /** Resolves when every write so far is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }
}
