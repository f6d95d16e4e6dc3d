import { createHash, hkdfSync } from 'node:crypto';

/** Where the current SECRET_KEY came from (for `fl check` and `check --deploy`). */
export type KeySource = 'flag' | 'env' | 'env-file' | 'settings' | 'generated-file' | 'test';

/**
 * The SECRET_KEY plus its fallbacks. The current key signs and encrypts; fallbacks only verify and decrypt.
 * Derived keys are cached per (key, purpose) so hot paths (session cookies) do not re-run HKDF.
 */
export class Keyring {
  readonly current: string;
  readonly fallbacks: readonly string[];
  readonly source: KeySource;
  private readonly cache = new Map<string, Buffer>();

  constructor(current: string, fallbacks: readonly string[] = [], source: KeySource = 'test') {
    if (!current) throw new Error('Keyring needs a current key');
    this.current = current;
    this.fallbacks = Object.freeze([...fallbacks]);
    this.source = source;
    Object.freeze(this);
  }

  /** Current key first, then each fallback: the order verification must try them in. */
  all(): readonly string[] {
    return [this.current, ...this.fallbacks];
  }

  /**
   * A 32-byte key derived from `key` for one purpose: HKDF-SHA256(ikm=key, salt=purpose, info=info).
   * Different purposes never share key material.
   */
  derive(key: string, purpose: string, info = 'delve'): Buffer {
    const id = `${purpose}\u0000${info}\u0000${key}`;
    let k = this.cache.get(id);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', Buffer.from(key, 'utf8'), Buffer.from(purpose, 'utf8'), Buffer.from(info, 'utf8'), 32));
      this.cache.set(id, k);
    }
    return k;
  }

  /** A short public identifier of a key (never reveals the key): first 16 hex chars of SHA-256 over a derived key. */
  keyId(key: string): string {
    return createHash('sha256').update(this.derive(key, 'delve.key-id')).digest('hex').slice(0, 16);
  }
}
