import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file-system calls the atomic writer makes; tests swap one out to simulate a failure mid-write. */
export interface AtomicWriteIo {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  unlinkSync: typeof fs.unlinkSync;
}

const defaultIo: AtomicWriteIo = {
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
};

/**
 * Writes a file so that readers see either the old bytes or the new bytes, never a mix: the text goes
 * to a hidden temporary file in the same folder (same file system, so the rename is atomic), is flushed
 * with fsync, and is then renamed over the target. On any failure the temporary file is removed and the
 * target is left untouched. The temporary name ends in `.tmp`, so a file left behind by a killed process
 * is never read as content.
 */
export function writeFileAtomic(path: string, text: string, io: AtomicWriteIo = defaultIo): void {
  const bytes = Buffer.from(text, 'utf8');
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = io.openSync(temp, 'wx', 0o644);
    let offset = 0;
    while (offset < bytes.length) offset += io.writeSync(fd, bytes, offset, bytes.length - offset);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        // Already failing; the original error is the one to report.
      }
    }
    try {
      io.unlinkSync(temp);
    } catch {
      // The temporary file may not exist (open failed); nothing to clean.
    }
    throw error;
  }
  syncDirectory(dirname(path));
}

/** The handoff payload's writer: an atomic write of its exact bytes. */
export function writePayloadAtomic(path: string, text: string, io: AtomicWriteIo = defaultIo): void {
  writeFileAtomic(path, text, io);
}

/** Makes the rename itself durable where the platform allows it (Linux, macOS); a no-op elsewhere. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open or fsync a directory; the rename has still happened.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
