import { readSync } from 'node:fs';

const BLOCK_BYTES = 1024 * 1024;

/** Raised when a read runs past the end of the file; the message is yauzl's, so zip-errors maps it the same way. */
export class UnexpectedEof extends Error {
  constructor() {
    super('unexpected EOF');
  }
}

/**
 * Synchronous positioned reads over an open fd, served from a 1 MiB block. The central directory is read front
 * to back in records of a few dozen bytes; one `readSync` per block instead of two thread-pool round trips per
 * record (80,000 for a 40,000-entry package, as yauzl did) is most of what listing costs. Returned buffers are
 * views into the block: callers that keep them keep the block (a directory is a few MB at most).
 */
export class BlockFileReader {
  private block = Buffer.alloc(0);
  private blockStart = 0;

  constructor(
    private readonly fd: number,
    private readonly fileSize: number,
  ) {}

  /** Exactly `length` bytes at `position`, or {@link UnexpectedEof}. */
  bytesAt(position: number, length: number): Buffer {
    const offset = this.load(position, length);
    return this.block.subarray(offset, offset + length);
  }

  /**
   * Makes `length` bytes at `position` available in {@link BlockFileReader.current} and returns where they start
   * in it. Lets a parser read fields in place instead of allocating a view per record.
   */
  load(position: number, length: number): number {
    const offset = position - this.blockStart;
    if (offset >= 0 && offset + length <= this.block.length) return offset;
    if (position < 0 || position + length > this.fileSize) throw new UnexpectedEof();
    const size = Math.min(Math.max(BLOCK_BYTES, length), this.fileSize - position);
    const block = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const read = readSync(this.fd, block, done, size - done, position + done);
      if (read === 0) break;
      done += read;
    }
    if (done < length) throw new UnexpectedEof();
    this.block = block.subarray(0, done);
    this.blockStart = position;
    return 0;
  }

  /** The block the last {@link BlockFileReader.load} made available. */
  get current(): Buffer {
    return this.block;
  }
}
