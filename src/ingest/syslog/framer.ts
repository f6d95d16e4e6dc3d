import { DelveError } from '../../errors.js';
import { decodeUtf8, trimmedLength, utf8SafeLength } from './utf8.js';

/** One message cut from a TCP/TLS stream. */
export interface SyslogFrame {
  /** The message, UTF-8 decoded, trailing CR/LF/NUL removed. */
  text: string;
  /** True when the frame was longer than `maxMessageBytes`: `text` holds its first bytes only. */
  truncated: boolean;
  framing: 'octet-counting' | 'non-transparent';
}

/** What one `push()` / `flush()` produced. */
export interface FramerResult {
  frames: SyslogFrame[];
  /** DLV_SYSLOG_FRAME errors (already counted in `stats.errors`): log them. */
  errors: DelveError[];
  /** True when the stream cannot be resynchronised: the caller must close the connection. */
  close: boolean;
}

export interface SyslogFramerOptions {
  /** Longest message kept, in bytes (default 65536); longer frames are emitted truncated. */
  maxMessageBytes?: number;
  /** Largest MSG-LEN accepted (default 16 × maxMessageBytes); a bigger count is fatal. */
  maxOctetCount?: number;
  /**
   * `auto` (default, RFC 6587 plain TCP): per frame, a leading digit means octet counting, anything else
   * means LF/NUL-terminated. `octet-counting` (RFC 5425, syslog over TLS): a frame without MSG-LEN is fatal.
   */
  framing?: 'auto' | 'octet-counting';
}

export interface FramerStats {
  frames: number;
  bytes: number;
  truncated: number;
  errors: number;
}

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const SP = 0x20;
/** MSG-LEN digits accepted; 10 digits already exceed any sane limit. */
const MAX_LEN_DIGITS = 10;

type Mode = 'start' | 'octet' | 'lf' | 'discard' | 'closed';

/**
 * Cuts a syslog TCP byte stream into messages (RFC 6587), chunk boundaries anywhere (also inside a
 * multi-byte character or inside MSG-LEN). Over-long frames: the first `maxMessageBytes` are emitted with
 * `truncated: true` and the rest is skipped, after which framing continues normally. An MSG-LEN above
 * `maxOctetCount` (or, in `octet-counting` mode, a frame without MSG-LEN) cannot be skipped safely: the
 * framer reports DLV_SYSLOG_FRAME, returns `close: true` and ignores further input. Frames that are empty
 * after removing CR/LF/NUL are skipped. Not thread-safe per se: use one framer per connection.
 */
export class SyslogFramer {
  readonly maxMessageBytes: number;
  readonly maxOctetCount: number;
  readonly framing: 'auto' | 'octet-counting';
  private readonly counters: FramerStats = { frames: 0, bytes: 0, truncated: 0, errors: 0 };
  private mode: Mode = 'start';
  private parts: Buffer[] = [];
  private partsLen = 0;
  private remaining = 0;
  private overflow = false;
  private carry: Buffer | undefined;

  constructor(opts: SyslogFramerOptions = {}) {
    this.maxMessageBytes = positiveInt(opts.maxMessageBytes ?? 65_536, 'maxMessageBytes');
    this.maxOctetCount = positiveInt(opts.maxOctetCount ?? 16 * this.maxMessageBytes, 'maxOctetCount');
    if (this.maxOctetCount < this.maxMessageBytes) {
      throw new DelveError('DLV_CONFIG_INVALID', 'maxOctetCount must be at least maxMessageBytes.', { field: 'maxOctetCount' });
    }
    const framing = opts.framing ?? 'auto';
    if (framing !== 'auto' && framing !== 'octet-counting') {
      throw new DelveError('DLV_CONFIG_INVALID', "framing must be 'auto' or 'octet-counting'.", { field: 'framing' });
    }
    this.framing = framing;
  }

  /** Counters since construction (a copy). */
  get stats(): FramerStats {
    return { ...this.counters };
  }

  /** True after a fatal framing error; further input is ignored. */
  get closed(): boolean {
    return this.mode === 'closed';
  }

  /** Feeds the next chunk of the stream; returns the frames it completed. */
  push(chunk: Uint8Array): FramerResult {
    const res: FramerResult = { frames: [], errors: [], close: false };
    if (this.mode === 'closed') return { ...res, close: true };
    this.counters.bytes += chunk.length;
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry) {
      buf = Buffer.concat([this.carry, buf]);
      this.carry = undefined;
    }
    let i = 0;
    while (i < buf.length && !this.closed) {
      if (this.mode === 'start') i = this.start(buf, i, res);
      else if (this.mode === 'octet') i = this.octet(buf, i, res);
      else i = this.terminated(buf, i, res);
    }
    res.close = this.closed;
    return res;
  }

  /**
   * Call when the connection ends: returns a pending unterminated LF frame. A frame cut short inside its
   * octet count is returned with `truncated: true` plus a DLV_SYSLOG_FRAME error.
   */
  flush(): FramerResult {
    const res: FramerResult = { frames: [], errors: [], close: false };
    if (this.carry) {
      this.append(this.carry, 0, this.carry.length);
      this.carry = undefined;
      this.emit('non-transparent', false, res);
    } else if (this.mode === 'lf') {
      this.emit('non-transparent', false, res);
    } else if (this.mode === 'octet') {
      const missing = this.remaining;
      this.emit('octet-counting', true, res);
      this.fail(res, `The connection ended ${missing} bytes before the end of an octet-counted syslog frame; ` +
        'the sender was cut off or its MSG-LEN is wrong.', false);
    }
    if (!this.closed) this.reset();
    return res;
  }

  /** At a frame boundary: skip separators, read MSG-LEN or switch to LF framing. */
  private start(buf: Buffer, i: number, res: FramerResult): number {
    const c = buf[i]!;
    if (c === LF || c === CR || c === NUL) return i + 1;
    if (c >= 0x30 && c <= 0x39) {
      let j = i;
      while (j < buf.length && j - i <= MAX_LEN_DIGITS && buf[j]! >= 0x30 && buf[j]! <= 0x39) j++;
      if (j === buf.length && j - i <= MAX_LEN_DIGITS) {
        this.carry = Buffer.from(buf.subarray(i)); // MSG-LEN continues in the next chunk
        return buf.length;
      }
      if (buf[j] === SP && j - i <= MAX_LEN_DIGITS) {
        const count = Number(buf.toString('latin1', i, j));
        if (count > this.maxOctetCount) {
          this.fail(res, `Syslog MSG-LEN ${count} exceeds the limit of ${this.maxOctetCount} bytes; the stream ` +
            'cannot be resynchronised, so the connection must be closed. Fix the sender or raise the limit.', true);
          return buf.length;
        }
        if (count > 0) {
          this.mode = 'octet';
          this.remaining = count;
        }
        return j + 1;
      }
    }
    if (this.framing === 'octet-counting') {
      this.fail(res, 'Expected a syslog frame starting with MSG-LEN and a space (RFC 5425 octet counting); ' +
        'configure the sender for octet-counted framing.', true);
      return buf.length;
    }
    this.mode = 'lf';
    return i;
  }

  private octet(buf: Buffer, i: number, res: FramerResult): number {
    const take = Math.min(this.remaining, buf.length - i);
    this.append(buf, i, i + take);
    this.remaining -= take;
    if (this.remaining === 0) this.emit('octet-counting', this.overflow, res);
    return i + take;
  }

  /** LF framing (`lf`) or skipping the rest of an over-long LF frame (`discard`). */
  private terminated(buf: Buffer, i: number, res: FramerResult): number {
    let j = i;
    while (j < buf.length && buf[j] !== LF && buf[j] !== NUL) j++;
    if (this.mode === 'lf') {
      this.append(buf, i, j);
      if (j < buf.length) this.emit('non-transparent', this.overflow, res);
      else if (this.overflow) {
        this.emit('non-transparent', true, res);
        this.mode = 'discard';
      }
    } else if (j < buf.length) {
      this.mode = 'start';
    }
    return j < buf.length ? j + 1 : j;
  }

  /** Keeps bytes [from, to) up to maxMessageBytes; notes overflow beyond that. */
  private append(buf: Buffer, from: number, to: number): void {
    const keep = Math.min(to - from, this.maxMessageBytes - this.partsLen);
    if (keep > 0) {
      this.parts.push(Buffer.from(buf.subarray(from, from + keep))); // copy: don't pin the whole chunk
      this.partsLen += keep;
    }
    if (to - from > keep) this.overflow = true;
  }

  private emit(framing: SyslogFrame['framing'], truncated: boolean, res: FramerResult): void {
    const all = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partsLen);
    const end = truncated ? utf8SafeLength(all, all.length) : all.length;
    const text = decodeUtf8(all.subarray(0, trimmedLength(all, end)));
    this.reset();
    if (text.trim() === '') return;
    res.frames.push({ text, truncated, framing });
    this.counters.frames++;
    if (truncated) this.counters.truncated++;
  }

  private fail(res: FramerResult, message: string, fatal: boolean): void {
    res.errors.push(new DelveError('DLV_SYSLOG_FRAME', message, { field: 'MSG-LEN' }));
    this.counters.errors++;
    if (fatal) {
      this.reset();
      this.mode = 'closed';
    }
  }

  private reset(): void {
    this.mode = 'start';
    this.parts = [];
    this.partsLen = 0;
    this.remaining = 0;
    this.overflow = false;
  }
}

function positiveInt(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new DelveError('DLV_CONFIG_INVALID', `${field} must be a positive whole number of bytes.`, { field });
  }
  return value;
}
