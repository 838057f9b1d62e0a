import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** What reading one file gave: its bytes, or why there are none. */
export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; problem: 'missing' }
  | { ok: false; problem: 'special' }
  | { ok: false; problem: 'too-large'; size: number }
  | { ok: false; problem: 'unreadable'; code: string };

/**
 * Reads a regular file of at most `maxBytes` bytes. The size is taken from the open file's `fstat`
 * before a byte is read, so an oversized file costs nothing; the read itself stops one byte past the
 * limit, so a file that grows after the `fstat` is still refused, never read whole. The file is opened
 * non-blocking: a FIFO swapped in after the folder was listed is refused at once instead of waiting for
 * a writer. A file removed after it was listed is `missing`, not an error of ours.
 */
export function readBoundedFile(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT' ? { ok: false, problem: 'missing' } : { ok: false, problem: 'unreadable', code };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, problem: 'special' };
    if (stat.size > maxBytes) return { ok: false, problem: 'too-large', size: stat.size };
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) {
        if (length > maxBytes) return { ok: false, problem: 'too-large', size: Math.max(stat.size, length) };
        // The file grew past its fstat size but is still within the limit: read on into a larger buffer.
        return readGrown(fd, buffer, maxBytes);
      }
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, problem: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    closeSync(fd);
  }
}

/** Continues a read whose file grew while it was read, still stopping one byte past the limit. */
function readGrown(fd: number, start: Buffer, maxBytes: number): BoundedRead {
  const buffer = Buffer.allocUnsafe(maxBytes + 1);
  start.copy(buffer);
  let length = start.length;
  for (;;) {
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) return { ok: true, bytes: buffer.subarray(0, length) };
    length += read;
    if (length > maxBytes) return { ok: false, problem: 'too-large', size: length };
  }
}
