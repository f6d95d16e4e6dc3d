import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DelveError } from '../../errors.js';
import { ensurePrivateDir } from '../../util/private-fs.js';
import type { IngestEvent } from '../sink.js';

/**
 * Appends `events` to `file` as NDJSON (one event per line, mode 0600, fsynced), so batches a remote refused can
 * be inspected and sent again after fixing the cause. Throws DLV_SPOOL_IO when the file cannot be written.
 */
export async function appendRejected(file: string, events: readonly IngestEvent[]): Promise<void> {
  const body = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  try {
    ensurePrivateDir(dirname(file));
    const fh = await open(file, 'a', 0o600);
    try {
      await fh.chmod(0o600);
      await fh.write(body);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new DelveError('DLV_SPOOL_IO', `Cannot write rejected events to ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      { field: 'spool', cause: e });
  }
}
