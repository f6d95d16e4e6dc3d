import type { CliContext } from './context.js';

/** The JSON logger of a collector command: var/log/<name>.log (rotated), plus stdout on a terminal. */
export async function collectorLogger(ctx: CliContext, name: string): Promise<import('../logging/index.js').DelveLogger> {
  const { createLogger, resolveStdoutMode } = await import('../logging/index.js');
  const s = ctx.loaded.settings;
  const mode = resolveStdoutMode(s.DELVE_SERVER_LOG_STDOUT, process.stdout.isTTY === true);
  return createLogger({ name, level: s.DELVE_LOG_LEVEL, dir: s.DELVE_LOG_DIR, ...mode, maxBytes: s.DELVE_LOG_MAX_BYTES, maxFiles: s.DELVE_LOG_MAX_FILES });
}

/** Stops cleanly on SIGINT/SIGTERM: `stop` flushes and closes; a second signal or 30 s force the exit. */
export function onStopSignal(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => process.exit(1), 30_000).unref();
    void stop(signal).then(() => process.exit(0), (e: unknown) => {
      process.stderr.write(`error while stopping: ${(e as Error).message}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
