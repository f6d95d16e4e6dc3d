import type { Command } from 'commander';
import { DelveError } from '../errors.js';
import { addDeliveryOptions, openCollectorSink, type RemoteOpts } from './collector-sink.js';
import { collectorLogger, onStopSignal } from './collector-logger.js';
import { createContext, type GlobalOptions } from './context.js';

interface Opts extends RemoteOpts {
  udp?: boolean; tcp?: boolean; udpPort: string; tcpPort: string; hostname: string; index: string; host?: string;
  source: string; sourcetype: string; tlsCert?: string; tlsKey?: string; tlsCa?: string; tlsClientAuth: string;
  useMessageTime?: boolean; statsInterval: string; maxMessageBytes: string;
}

const port = (v: string, flag: string): number => {
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new DelveError('DLV_CLI_USAGE', `${flag} must be a port number (0-65535), got "${v}"`, { field: flag });
  return Number(v);
};

export function register(program: Command): void {
  addDeliveryOptions(program
    .command('syslog')
    .description('Receive syslog (RFC 5424/3164) over UDP, TCP (LF or octet-counted framing) or TLS (RFC 5425) and store each message as an event.')
    .option('--udp', 'listen for UDP datagrams')
    .option('--tcp', 'listen for TCP (TLS when --tls-cert/--tls-key are given)')
    .option('--udp-port <port>', 'UDP port', '2514')
    .option('--tcp-port <port>', 'TCP/TLS port', '1514')
    .option('--hostname <address>', 'bind address', '127.0.0.1')
    .option('-i, --index <index>', 'index of the events', 'default')
    .option('-H, --host <host>', "event host (default: the message's hostname, else the sender's address)")
    .option('-s, --source <source>', 'event source', 'syslog')
    .option('-t, --sourcetype <sourcetype>', 'event sourcetype', 'syslog')
    .option('--tls-cert <file>', 'PEM certificate: TCP speaks TLS (hardened defaults; a TLS error is fatal)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--tls-ca <file>', 'CA bundle for client certificates (mutual TLS)')
    .option('--tls-client-auth <mode>', 'none | optional | required', 'none')
    .option('--use-message-time', "use the message's timestamp as the event time")
    .option('--stats-interval <seconds>', 'log counters every N seconds (also on SIGUSR1); 0 = only on SIGUSR1', '60')
    .option('--max-message-bytes <n>', 'longer messages are truncated', '65536'))
    .addHelpText('after', '\nExamples:\n  ./fl syslog --udp --tcp -i network\n  DELVE_TOKEN_FILE=/etc/delve/token ./fl syslog --tcp --tls-cert c.pem --tls-key k.pem --server https://delve.example:8000')
    .action(async (o: Opts, cmd: Command) => {
      if (!o.udp && !o.tcp) throw new DelveError('DLV_CLI_USAGE', 'choose at least one of --udp and --tcp', { field: 'udp' });
      if ((o.tlsCert === undefined) !== (o.tlsKey === undefined)) throw new DelveError('DLV_CLI_USAGE', '--tls-cert and --tls-key go together', { field: 'tls-cert' });
      const { startSyslogServer, loadSyslogTls, startCounterReporter } = await import('../ingest/syslog-server/index.js');
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      const log = await collectorLogger(ctx, 'syslog');
      const tls = o.tlsCert && o.tlsKey
        ? loadSyslogTls({ cert: o.tlsCert, key: o.tlsKey, ca: o.tlsCa, clientAuth: o.tlsClientAuth as 'none' | 'optional' | 'required', debug: ctx.loaded.settings.DEBUG })
        : null;
      for (const w of tls?.warnings ?? []) log.logger.warn({}, w);
      const out = await openCollectorSink(ctx, o, 'syslog', log.logger);
      const server = await startSyslogServer({
        udp: o.udp ? { host: o.hostname, port: port(o.udpPort, '--udp-port') } : undefined,
        tcp: o.tcp ? { host: o.hostname, port: port(o.tcpPort, '--tcp-port'), tls: tls?.options } : undefined,
        defaults: { index: o.index, host: o.host, source: o.source, sourcetype: o.sourcetype },
        useMessageTime: o.useMessageTime === true, sink: out.sink, logger: log.logger, maxMessageBytes: Number(o.maxMessageBytes),
      });
      const reporter = startCounterReporter({ counters: () => ({ ...server.counters(), ...out.counters() }), logger: log.logger, intervalMs: Number(o.statsInterval) * 1000 });
      const where = [o.udp ? `udp://${o.hostname}:${server.udpPort}` : '', o.tcp ? `${tls ? 'tls' : 'tcp'}://${o.hostname}:${server.tcpPort}` : ''].filter(Boolean).join(' and ');
      log.logger.info({ udpPort: server.udpPort, tcpPort: server.tcpPort, mode: out.mode }, 'syslog receiver listening');
      process.stdout.write(`Delve syslog receiver listening on ${where} (${out.mode === 'local' ? 'writing the local database' : `forwarding to ${o.server}`})\n`);
      onStopSignal(async () => {
        reporter.stop();
        const lost = await server.close();
        reporter.report();
        await out.close();
        log.logger.info({ counters: server.counters(), notStored: lost }, 'syslog receiver stopped');
        await log.close();
      });
    });
}
