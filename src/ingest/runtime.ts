/**
 * The server's ingest runtime: one EventWriter (group commit), the background FTS indexer, the pipeline
 * (extractors + processors loaded from the settings), the retention job and the /readyz probe.
 */
import type { Settings } from '../config/schema.js';
import type { ReadinessProbe } from '../server/routes/health.js';
import type { Store } from '../storage/index.js';
import { EventWriter, FtsIndexer } from '../storage/events/index.js';
import { DEFAULT_WAL_AUTOCHECKPOINT_PAGES } from '../storage/events/writer.js';
import { DEFAULT_EXTRACTION_MAP, loadExtractionMap, type ExtractionMapSetting } from './extractors/index.js';
import { createLocalSink, type LocalSinkOptions } from './local-sink.js';
import { FtsWorker } from './workers/fts-worker.js';
import { IngestPipeline } from './pipeline.js';
import { loadProcessorMap, ProcessorRunner } from './processors.js';
import { parseRetention, RetentionJob, type PurgeAuditEntry } from './retention.js';
import type { EventSink } from './sink.js';
import { DEFAULT_EVENT_LIMITS } from './validate-event.js';

/** The subset of a pino logger the runtime uses. */
export interface IngestLogger {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
}

export interface IngestRuntimeDeps {
  settings: Settings;
  store: Store;
  logger: IngestLogger;
  /** Records audit entries (retention purges, event deletions); e.g. `(e) => svc.record(e)`. */
  audit?: (entry: PurgeAuditEntry) => void;
  /** Overrides for tests and benchmarks: `ftsEnabled` (else DELVE_FTS_ENABLED), `maxQueue` (else DELVE_INGEST_MAX_QUEUE), writer batch, WAL autocheckpoint, `ftsWorker` (default true: index in a worker thread when the database is a file), timers. */
  options?: { ftsEnabled?: boolean; maxQueue?: number; maxBatch?: number; lagLogIntervalMs?: number; retentionIntervalMs?: number; walAutocheckpointPages?: number; ftsWorker?: boolean };
}

export interface IngestRuntime {
  pipeline: IngestPipeline;
  writer: EventWriter;
  indexer: FtsIndexer;
  retention: RetentionJob;
  /** `/readyz` check `ingest`: always ok; details = queue depth and FTS indexer lag (rows, seconds). */
  readinessProbe: ReadinessProbe;
  /** An EventSink for in-process collectors (see local-sink.ts). */
  localSink(opts?: LocalSinkOptions): EventSink;
  /** Drains the writer, waits for processors, stops the indexer and the retention job. Does not close the store. */
  close(): Promise<void>;
}

/**
 * Builds and starts the ingest runtime. Loads custom extractor/processor modules and validates DELVE_RETENTION,
 * so configuration mistakes fail at startup with DLV_CONFIG_INVALID / DLV_RETENTION_INVALID.
 */
export async function createIngestRuntime(deps: IngestRuntimeDeps): Promise<IngestRuntime> {
  const { settings: s, store, logger } = deps;
  const o = deps.options ?? {};
  const ftsEnabled = o.ftsEnabled ?? s.DELVE_FTS_ENABLED;
  const maxQueue = o.maxQueue ?? s.DELVE_INGEST_MAX_QUEUE;
  const extractors = await loadExtractionMap({ ...DEFAULT_EXTRACTION_MAP, ...(s.DELVE_EXTRACTION_MAP as ExtractionMapSetting) });
  const processors = new ProcessorRunner(await loadProcessorMap(s.DELVE_PROCESSOR_MAP), logger);
  const policy = parseRetention(s.DELVE_RETENTION);
  const checkpointPages = o.walAutocheckpointPages ?? DEFAULT_WAL_AUTOCHECKPOINT_PAGES;
  // FTS batches run on their own connection in a worker thread (issue 5), in turn with the writer's commits.
  const ftsWorker = ftsEnabled && (o.ftsWorker ?? true) && store.path !== ':memory:'
    ? new FtsWorker({ path: store.path, encryptionKey: s.DELVE_DATABASE_ENCRYPTION_KEY, walAutocheckpointPages: checkpointPages })
    : undefined;
  const indexer: FtsIndexer = new FtsIndexer(store.sqlite, {
    onError: (e) => logger.error({ err: e }, 'full-text indexer batch failed (retried)'),
    ...(ftsWorker ? { runBatch: () => ftsWorker.runBatch(), yieldWhile: (): boolean => writer.stats().queued > 0 } : {}),
  });
  const writer: EventWriter = new EventWriter(store.sqlite, {
    maxQueue, ...(o.maxBatch ? { maxBatch: o.maxBatch } : {}),
    walAutocheckpointPages: checkpointPages,
    ...(ftsWorker ? { holdWhile: (): boolean => indexer.holdsWriteLock } : {}),
    onCommit: ftsEnabled ? () => indexer.notify() : undefined,
  });
  const pipeline = new IngestPipeline({
    writer, extractors, processors, limits: { ...DEFAULT_EVENT_LIMITS, maxEventBytes: s.DELVE_MAX_EVENT_SIZE },
    extractOnCreate: s.DELVE_ENABLE_EXTRACTIONS_ON_CREATE, processOnCreate: s.DELVE_ENABLE_PROCESSORS_ON_CREATE,
  });
  const retention = new RetentionJob({ sqlite: store.sqlite, policy, audit: deps.audit, logger, intervalMs: o.retentionIntervalMs });
  if (ftsEnabled) indexer.start();
  retention.start();
  const lagTimer = setInterval(() => {
    if (!ftsEnabled) return;
    const lag = indexer.lag();
    if (lag.rows > 0) logger.info({ ftsLagRows: lag.rows, ftsLagSeconds: Math.round(lag.seconds * 10) / 10 }, 'full-text indexer lag');
  }, o.lagLogIntervalMs ?? 60_000);
  lagTimer.unref();
  const readinessProbe: ReadinessProbe = {
    name: 'ingest',
    check: () => {
      const w = writer.stats();
      const lag = indexer.lag();
      return { ok: true, details: { queued_events: w.queued, max_queue: maxQueue, fts_enabled: ftsEnabled, fts_lag_rows: lag.rows, fts_lag_seconds: Math.round(lag.seconds * 10) / 10 } };
    },
  };
  let closed: Promise<void> | undefined;
  return {
    pipeline, writer, indexer, retention, readinessProbe,
    localSink: (opts) => createLocalSink(pipeline, opts),
    close() {
      closed ??= (async () => {
        clearInterval(lagTimer);
        await retention.stop();
        await writer.close();
        await processors.idle();
        await indexer.stop();
        await ftsWorker?.close();
      })();
      return closed;
    },
  };
}
