import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { Keyring } from '../keys/keyring.js';
import { decrypt, encrypt, reencryptAll, type SealedRow } from './index.js';

const A = 'reenc-key-A-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ';
const B = 'reenc-key-B-ZYXWVUTSRQPONMLKJIHGFEDCBA-9876543210-zyxwvutsrq';
const C = 'reenc-key-C-unconfigured-0000000000-1111111111-2222222222-33';

describe('reencryptAll', () => {
  it('moves every row to the current key; afterwards the old key can be dropped', () => {
    const old = new Keyring(A);
    const rows: SealedRow<number>[] = [1, 2, 3].map((id) => ({ id, sealed: encrypt(old, `secret-${id}`, `row:${id}`), aad: `row:${id}` }));
    const rotated = new Keyring(B, [A]);
    rows.push({ id: 4, sealed: encrypt(rotated, 'secret-4', 'row:4'), aad: 'row:4' });

    const out = reencryptAll(rows, rotated);
    expect(out.counts).toEqual({ total: 4, reencrypted: 3, alreadyCurrent: 1, failed: 0 });
    expect(out.failures).toEqual([]);
    expect(out.updates.map((u) => u.id)).toEqual([1, 2, 3]);

    const onlyB = new Keyring(B);
    for (const u of out.updates) {
      expect(u.sealed.keyId).toBe(onlyB.keyId(B));
      expect(decrypt(onlyB, u.sealed, `row:${u.id}`)).toEqual({ plaintext: `secret-${u.id}`, keyId: u.sealed.keyId, isCurrent: true });
    }
    // Before re-encryption, dropping A would have lost the rows.
    expect(() => decrypt(onlyB, rows[0]!.sealed, 'row:1')).toThrow(DelveError);
    // A second run has nothing to do.
    const merged = rows.map((r) => ({ ...r, sealed: out.updates.find((u) => u.id === r.id)?.sealed ?? r.sealed }));
    expect(reencryptAll(merged, onlyB).counts).toEqual({ total: 4, reencrypted: 0, alreadyCurrent: 4, failed: 0 });
  });

  it('keeps the aad binding on re-encrypted rows', () => {
    const rotated = new Keyring(B, [A]);
    const out = reencryptAll([{ id: 'x', sealed: encrypt(new Keyring(A), 's', 'row:x'), aad: 'row:x' }], rotated);
    expect(() => decrypt(rotated, out.updates[0]!.sealed, 'row:y')).toThrow(DelveError);
    expect(() => decrypt(rotated, out.updates[0]!.sealed)).toThrow(DelveError);
  });

  it('counts undecryptable rows as failed without stopping or leaking secrets', () => {
    const rotated = new Keyring(B, [A]);
    const good = encrypt(new Keyring(A), 'ok');
    const tampered = { ...good, ciphertext: good.ciphertext.slice(0, -2) + (good.ciphertext.endsWith('AA') ? 'BA' : 'AA') };
    const rows: SealedRow<string>[] = [
      { id: 'unknown-key', sealed: encrypt(new Keyring(C), 'lost-secret') },
      { id: 'tampered', sealed: tampered },
      { id: 'wrong-aad', sealed: encrypt(new Keyring(A), 'x', 'row:1'), aad: 'row:2' },
      { id: 'good', sealed: good },
      { id: 'current-but-corrupt', sealed: { keyId: rotated.keyId(B), ciphertext: 'AAAA' } },
    ];
    const out = reencryptAll(rows, rotated);
    expect(out.counts).toEqual({ total: 5, reencrypted: 1, alreadyCurrent: 0, failed: 4 });
    expect(out.updates.map((u) => u.id)).toEqual(['good']);
    expect(out.failures.map((f) => f.id)).toEqual(['unknown-key', 'tampered', 'wrong-aad', 'current-but-corrupt']);
    for (const f of out.failures) {
      expect(f.code).toBe('DLV_CRYPTO_DECRYPT');
      expect(f.message).not.toContain('lost-secret');
      expect(f.message).not.toContain(C);
    }
  });

  it('handles an empty input and any iterable', () => {
    expect(reencryptAll([], new Keyring(A)).counts).toEqual({ total: 0, reencrypted: 0, alreadyCurrent: 0, failed: 0 });
    function* gen(): Generator<SealedRow<number>> {
      yield { id: 1, sealed: encrypt(new Keyring(A), 'g') };
    }
    expect(reencryptAll(gen(), new Keyring(B, [A])).counts.reencrypted).toBe(1);
  });
});
