/**
 * Splits a byte stream into lines with byte offsets, for tail-files and create-events.
 * Lines end at LF; a CR right before the LF is stripped (CRLF files); the text excludes the terminator and is
 * decoded as UTF-8 (invalid bytes become U+FFFD). A line longer than `maxLineBytes` is either split into chunks of at
 * most `maxLineBytes` (cut at a UTF-8 character boundary; every chunk carries `split: n`, 1-based) or truncated
 * (`truncated: true`; the rest of the line up to its LF is skipped). Blank lines (only whitespace) produce no text
 * but still advance the offset, so checkpoints move past them.
 */

export type LongLineMode = 'split' | 'truncate';

/** One piece of output: a line (`text` set) or an offset advance without an event (`text` undefined). */
export interface LineOut {
  text?: string;
  /** Byte offset just after the bytes this item covers (its terminator included). */
  endOffset: number;
  split?: number;
  truncated?: boolean;
  /** Set on a line shipped because its terminator did not arrive in time (see flushPartial). */
  partial?: boolean;
  /** Set on the first line after a partial flush: the rest of the line that was shipped partially. */
  continuation?: boolean;
}

const LF = 0x0a;
const CR = 0x0d;

/** Largest n ≤ max such that buf[0..n) does not end inside a UTF-8 sequence (n ≥ 1 when max ≥ 1). */
export function utf8Boundary(buf: Buffer, max: number): number {
  if (buf.length <= max) return buf.length;
  let n = max;
  // Back off over continuation bytes (10xxxxxx) to the start of the character that straddles the cut.
  while (n > 0 && n > max - 4 && ((buf[n] as number) & 0xc0) === 0x80) n--;
  return n > 0 ? n : max;
}

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingLen = 0;
  /** Offset of the first byte not yet covered by an emitted item. */
  private pendingStart: number;
  private splitIndex = 0;
  private discarding = false;
  private continuation = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly mode: LongLineMode,
    startOffset = 0,
  ) {
    this.pendingStart = startOffset;
  }

  /** Bytes held back waiting for a line terminator. */
  get pendingBytes(): number {
    return this.pendingLen;
  }

  /** Offset just after the last byte pushed. */
  get offset(): number {
    return this.pendingStart + this.pendingLen;
  }

  /** Forgets everything and restarts at `offset` (after a truncation). */
  reset(offset: number): void {
    this.pending = [];
    this.pendingLen = 0;
    this.pendingStart = offset;
    this.splitIndex = 0;
    this.discarding = false;
    this.continuation = false;
  }

  /** Feeds the next bytes (which follow the previously pushed ones) and returns the completed items. */
  push(chunk: Buffer): LineOut[] {
    const out: LineOut[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(LF, pos);
      const end = nl === -1 ? chunk.length : nl;
      this.append(chunk.subarray(pos, end), out);
      if (nl === -1) break;
      this.endLine(out);
      pos = nl + 1;
    }
    return out;
  }

  /**
   * Ships the pending bytes as a line even though no terminator arrived (flush timeout, or end of input for a bulk
   * load). The line is marked `partial` unless `final`; the next line is then marked `continuation`.
   */
  flushPartial(final = false): LineOut | undefined {
    if (this.pendingLen === 0) return undefined;
    const all = this.take();
    const item = this.item(stripCr(all), all.length);
    if (this.splitIndex > 0 && item.text !== undefined) item.split = ++this.splitIndex;
    this.splitIndex = 0;
    if (!final && item.text !== undefined) {
      item.partial = true;
      this.continuation = true;
    }
    return item;
  }

  private append(bytes: Buffer, out: LineOut[]): void {
    if (this.discarding) {
      this.pendingStart += bytes.length;
      return;
    }
    if (bytes.length > 0) {
      this.pending.push(bytes);
      this.pendingLen += bytes.length;
    }
    while (this.pendingLen > this.maxLineBytes) {
      const all = this.take();
      const cut = utf8Boundary(all, this.maxLineBytes);
      if (this.mode === 'split') {
        const item = this.item(all.subarray(0, cut), cut);
        item.split = ++this.splitIndex;
        out.push(item);
        this.pending = [all.subarray(cut)];
        this.pendingLen = all.length - cut;
      } else {
        const item = this.item(all.subarray(0, cut), all.length);
        item.truncated = true;
        out.push(item);
        this.discarding = true;
        return;
      }
    }
  }

  private endLine(out: LineOut[]): void {
    if (this.discarding) {
      this.discarding = false;
      this.pendingStart += 1;
      out.push({ endOffset: this.pendingStart });
      return;
    }
    const all = this.take();
    const item = this.item(stripCr(all), all.length + 1);
    if (this.splitIndex > 0 && item.text !== undefined) item.split = ++this.splitIndex;
    this.splitIndex = 0;
    out.push(item);
  }

  /** Removes and returns all pending bytes. */
  private take(): Buffer {
    const all = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingLen);
    this.pending = [];
    this.pendingLen = 0;
    return all;
  }

  /** An item with text `bytes` covering the next `covered` bytes of input. */
  private item(bytes: Buffer, covered: number): LineOut {
    this.pendingStart += covered;
    const item: LineOut = { endOffset: this.pendingStart };
    const text = bytes.toString('utf8');
    if (text.trim() !== '') item.text = text;
    if (this.continuation) {
      if (item.text !== undefined) item.continuation = true;
      this.continuation = false;
    }
    return item;
  }
}

function stripCr(buf: Buffer): Buffer {
  return buf.length > 0 && buf[buf.length - 1] === CR ? buf.subarray(0, buf.length - 1) : buf;
}
