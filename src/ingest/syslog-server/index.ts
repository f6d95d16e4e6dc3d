/**
 * The network side of the syslog receiver (`./fl syslog`): UDP (RFC 5426), TCP (RFC 6587: octet counting and LF
 * framing) and TLS (RFC 5425, hardened defaults, optional mutual TLS) listeners feeding an EventSink in batches,
 * with back-pressure on TCP, counted drops on UDP and retries on sink failures. Parsing and framing live in
 * `../syslog/`; remote delivery in `../forward/`.
 *
 *   const tls = loadSyslogTls({ cert, key, ca, clientAuth });       // throws on any TLS problem
 *   const server = await startSyslogServer({ tcp: { host, port, tls: tls?.options }, udp: { host, port: 2514 },
 *     defaults: { index, source, sourcetype }, useMessageTime: false, sink, logger });
 *   const reporter = startCounterReporter({ counters: server.counters, logger, intervalMs: 60_000 });
 *   process.once('SIGTERM', async () => { reporter.stop(); await server.close(); await sink.close(); });
 */
export {
  startSyslogServer, type SyslogCounters, type SyslogServer, type SyslogServerOptions,
} from './server.js';
export { loadSyslogTls, type SyslogTlsFlags } from './tls-options.js';
export { startCounterReporter, type CounterReporterOptions } from './reporter.js';
export { syslogEvent, isoToMicros, senderHost, type SyslogEventDefaults } from './to-event.js';
export { EventBatcher, type BatcherOptions } from './batcher.js';
