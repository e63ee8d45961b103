import { close, createReadStream, read } from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

const BLOCK_BYTES = 1024 * 1024;

/**
 * A yauzl RandomAccessReader over an open fd that serves reads from a 1 MiB block cache. yauzl reads each
 * central-directory record with two small reads; through the thread pool that is two round trips per entry
 * (80,000 for a 40,000-entry package). The directory is read front to back, so one block read serves thousands
 * of records. Closing the reader closes the fd.
 */
export class BlockFileReader extends yauzl.RandomAccessReader {
  private block = Buffer.alloc(0);
  private blockStart = 0;

  constructor(private readonly fd: number) {
    super();
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    if (position >= this.blockStart && position + length <= this.blockStart + this.block.length) {
      this.block.copy(buffer, offset, position - this.blockStart, position - this.blockStart + length);
      // Deferred so a run of cache hits cannot recurse through yauzl's entry loop and overflow the stack.
      process.nextTick(callback, null, length);
      return;
    }
    const block = Buffer.alloc(Math.max(BLOCK_BYTES, length));
    read(this.fd, block, 0, block.length, position, (error, bytesRead) => {
      if (error) return callback(error);
      this.block = block.subarray(0, bytesRead);
      this.blockStart = position;
      const served = Math.min(length, bytesRead);
      this.block.copy(buffer, offset, 0, served);
      callback(null, served);
    });
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream('', { fd: this.fd, start, end: end - 1, autoClose: false });
  }

  override close(callback: (err: Error | null) => void): void {
    close(this.fd, callback);
  }
}
