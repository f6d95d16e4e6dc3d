import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import { readSecretFile } from '../config/secret-file.js';
import { DelveError } from '../errors.js';
import type { EventSink } from '../ingest/sink.js';
import type { CliContext } from './context.js';

export interface RemoteOpts { server?: string; token?: string; ca?: string }

/** Options shared by the collectors: deliver locally (default) or to a remote Delve. */
export function addDeliveryOptions(cmd: Command): Command {
  return cmd
    .option('--server <url>', 'forward to a remote Delve (https://...) instead of writing the local database')
    .option('--token <token>', 'API token with ingest scope for --server (prefer DELVE_TOKEN or DELVE_TOKEN_FILE: flags show in ps)')
    .option('--ca <file>', 'PEM CA bundle to verify a remote server with a private CA (verification is always on)');
}

export interface CollectorSink {
  sink: EventSink;
  mode: 'local' | 'remote';
  counters(): Record<string, number>;
  close(): Promise<void>;
}

/**
 * Local mode: the same ingest pipeline as the REST API (validation, extraction, group commit, FTS indexer).
 * Remote mode: a durable on-disk spool (var/spool/<name>) in front of a RemoteSink posting NDJSON to /api/events/.
 */
export async function openCollectorSink(ctx: CliContext, o: RemoteOpts, name: string, logger: Logger): Promise<CollectorSink> {
  const s = ctx.loaded.settings;
  if (o.server) {
    const token = o.token ?? ctx.env.DELVE_TOKEN ?? (ctx.env.DELVE_TOKEN_FILE ? readSecretFile(resolve(s.DELVE_HOME, ctx.env.DELVE_TOKEN_FILE), 'DELVE_TOKEN_FILE') : undefined);
    if (!token) throw new DelveError('DLV_CLI_USAGE', '--server needs an ingest token: --token, DELVE_TOKEN or DELVE_TOKEN_FILE', { field: 'token' });
    const { RemoteSink, SpoolSink } = await import('../ingest/forward/index.js');
    const ca = o.ca ? readFileSync(resolve(o.ca), 'utf8') : undefined;
    const remote = new RemoteSink({ server: o.server, token, ca, logger, rejectedFile: join(s.DELVE_HOME, 'var', 'spool', name, 'rejected.ndjson') });
    const spool = await SpoolSink.open({ dir: join(s.DELVE_HOME, 'var', 'spool', name), sender: remote, logger });
    return {
      sink: spool, mode: 'remote',
      counters: () => ({ ...spool.counters() }) as unknown as Record<string, number>,
      close: async () => { await spool.close(); },
    };
  }
  const store = await ctx.store();
  const { createIngestRuntime } = await import('../ingest/runtime.js');
  const runtime = await createIngestRuntime({ settings: s, store, logger });
  return {
    sink: runtime.localSink(), mode: 'local',
    counters: () => ({ committed: runtime.writer.stats().committedEvents, ftsLagRows: runtime.indexer.lag().rows }),
    close: async () => { await runtime.close(); await ctx.close(); },
  };
}
