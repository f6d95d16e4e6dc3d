/**
 * Remote delivery for collectors (syslog, tail-files, create-events): `RemoteSink` POSTs NDJSON batches to another
 * Delve's `/api/events/` (bearer token, TLS verification on), and `SpoolSink` puts a durable, bounded on-disk spool
 * in front of it so that a remote outage loses nothing that was acknowledged to a sender.
 *
 *   const remote = new RemoteSink({ server, token, ca, logger });
 *   const sink = SpoolSink.open({ dir: 'var/spool/syslog', sender: remote, logger });
 *   await sink.write(events);   // durable on local disk when this resolves
 *   await sink.close();         // unsent batches are shipped after the next start
 */
export { RemoteSink, classify } from './remote-sink.js';
export { endpointUrl, isLoopbackHost, type RemoteSinkOptions } from './remote-options.js';
export { SpoolSink, type SpoolOptions } from './spool-sink.js';
export { appendRejected } from './rejected-file.js';
export { backoffDelay, parseRetryAfter, Sleeper, type BackoffOptions } from './backoff.js';
export { silentLogger, type BatchSender, type CollectorLogger, type SendResult, type SinkCounters } from './types.js';
