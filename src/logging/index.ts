/** Delve's logging: pino JSON logs with rotation, an access log, and secret scrubbing (DESIGN §4.6). */
export { createLogger, createAccessLogger, resolveStdoutMode, serializers } from './logger.js';
export type { LoggerOptions, DelveLogger } from './logger.js';
export { accessLogLine, logAccess } from './access-log.js';
export type { AccessLogEntry, AccessLogLine } from './access-log.js';
export { sanitizeForLog, redactUrl, redactUrlCredentials, isSecretKey, isSensitiveQueryKey, CENSOR, REDACT_PATHS, MAX_LOGGED_URL_LENGTH } from './redact.js';
export { RotatingFileStream } from './rotating-file-stream.js';
export type { RotatingFileOptions } from './rotating-file-stream.js';
export { formatPrettyLine, PrettyStream } from './pretty.js';
export type { TextSink } from './pretty.js';
