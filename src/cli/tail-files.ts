import { join } from 'node:path';
import type { Command } from 'commander';
import { addDeliveryOptions, openCollectorSink, type RemoteOpts } from './collector-sink.js';
import { collectorLogger, onStopSignal } from './collector-logger.js';
import { createContext, type GlobalOptions } from './context.js';

interface Opts extends RemoteOpts {
  index: string; host: string; sourcetype: string; checkpoint?: string; maxLineBytes: string; longLines: string;
  pollMs: string; statsInterval: string;
}

export function register(program: Command): void {
  addDeliveryOptions(program
    .command('tail-files')
    .description('Follow files matching glob patterns (new files included), surviving rename and copytruncate rotation; each line becomes an event. Delivery is at-least-once with no gaps.')
    .argument('<patterns...>', 'glob patterns (*, ?, **, [abc]); quote them so the shell does not expand them')
    .option('-i, --index <index>', 'index of the events', 'default')
    .option('-H, --host <host>', 'event host', 'localhost')
    .option('-t, --sourcetype <sourcetype>', 'event sourcetype', 'plaintext')
    .option('--checkpoint <file>', 'checkpoint file (default var/tail-files.json)')
    .option('--max-line-bytes <n>', 'longer lines are split or truncated (see --long-lines)', String(1024 * 1024))
    .option('--long-lines <mode>', 'split | truncate', 'split')
    .option('--poll-ms <ms>', 'how often files are checked for new data', '250')
    .option('--stats-interval <seconds>', 'log counters every N seconds (also on SIGUSR1)', '60'))
    .addHelpText('after', "\nExample:\n  ./fl tail-files -i web -t apache '/var/log/nginx/*.log'")
    .action(async (patterns: string[], o: Opts, cmd: Command) => {
      const { startTail } = await import('../ingest/tail/index.js');
      const { startCounterReporter } = await import('../ingest/syslog-server/index.js');
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      const log = await collectorLogger(ctx, 'tail-files');
      const out = await openCollectorSink(ctx, o, 'tail-files', log.logger);
      const tail = await startTail({
        patterns, checkpointPath: o.checkpoint ?? join(ctx.loaded.settings.DELVE_HOME, 'var', 'tail-files.json'),
        defaults: { index: o.index, host: o.host, sourcetype: o.sourcetype }, sink: out.sink, pollMs: Number(o.pollMs),
        maxLineBytes: Number(o.maxLineBytes), longLines: o.longLines === 'truncate' ? 'truncate' : 'split',
        logger: log.logger, progress: process.stderr,
      });
      const reporter = startCounterReporter({ counters: () => ({ ...tail.counters(), ...out.counters() }) as never, logger: log.logger, intervalMs: Number(o.statsInterval) * 1000 });
      log.logger.info({ patterns, mode: out.mode }, 'tail-files started');
      process.stdout.write(`Delve tail-files following ${patterns.join(' ')}\n`);
      onStopSignal(async () => {
        reporter.stop();
        await tail.close();
        reporter.report();
        await out.close();
        await log.close();
      });
    });
}
