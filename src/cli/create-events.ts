import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { addDeliveryOptions, openCollectorSink, type RemoteOpts } from './collector-sink.js';
import { collectorLogger } from './collector-logger.js';
import { createContext, type GlobalOptions } from './context.js';

interface Opts extends RemoteOpts { index: string; host: string; source: string; sourcetype: string; eventRegex?: string; batchSize: string }

export function register(program: Command): void {
  addDeliveryOptions(program
    .command('create-events')
    .description('Bulk-load a file or stdin: one event per non-blank line, or one per --event-regex match. Shows progress and reports events/s.')
    .argument('[file]', 'file to load; "-" or none = stdin')
    .option('-i, --index <index>', 'index of the events', 'default')
    .option('-H, --host <host>', 'event host', 'localhost')
    .option('-s, --source <source>', 'event source (default: the file path, or "stdin")')
    .option('-t, --sourcetype <sourcetype>', 'event sourcetype', 'plaintext')
    .option('--event-regex <regex>', 'each match is one event (multi-line events: e.g. "^\\\\d{4}-\\\\d{2}-\\\\d{2} [\\\\s\\\\S]*?(?=^\\\\d{4}-|(?![\\\\s\\\\S]))")')
    .option('--batch-size <n>', 'events per write', '5000'))
    .action(async (file: string | undefined, o: Opts, cmd: Command) => {
      const { loadEvents } = await import('../ingest/bulk/index.js');
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      const log = await collectorLogger(ctx, 'create-events');
      const out = await openCollectorSink(ctx, o, 'create-events', log.logger);
      const fromStdin = file === undefined || file === '-';
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      process.once('SIGINT', abort);
      process.once('SIGTERM', abort);
      try {
        const result = await loadEvents({
          input: fromStdin ? process.stdin : createReadStream(file), totalBytes: fromStdin ? undefined : statSync(file).size,
          eventRegex: o.eventRegex, sink: out.sink, batchSize: Number(o.batchSize), progress: process.stderr, signal: controller.signal,
          defaults: { index: o.index, host: o.host, source: o.source ?? (fromStdin ? 'stdin' : file), sourcetype: o.sourcetype },
        });
        log.logger.info({ ...result }, 'create-events finished');
        process.stdout.write(`${result.aborted ? 'Stopped after' : 'Loaded'} ${result.events} events (${result.bytes} bytes) in ${result.seconds.toFixed(2)} s: ${Math.round(result.eventsPerSecond)} events/s${out.mode === 'remote' ? ' (spooled for forwarding)' : ''}\n`);
      } finally {
        await out.close();
        await log.close();
      }
    });
}
