import { DelveError } from '../../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { sign, unsign, type SignOptions, type Unsigned, type UnsignOptions } from './signer.js';

/** `unsignObject`'s result: like `Unsigned`, with the parsed JSON value. */
export interface UnsignedObject<T> extends Omit<Unsigned, 'value'> {
  value: T;
}

/**
 * Signs any JSON-serialisable value (JSON.stringify, then `sign`).
 * @throws TypeError when the value has no JSON form (undefined, a function, a symbol) or cannot be serialised.
 */
export function signObject(keyring: Keyring, purpose: string, value: unknown, opts: SignOptions = {}): string {
  const json: string | undefined = JSON.stringify(value);
  if (json === undefined) throw new TypeError('signObject() needs a JSON-serialisable value');
  return sign(keyring, purpose, json, opts);
}

/**
 * Verifies a token made by `signObject` and parses its JSON. The type parameter is not checked at run time:
 * validate the shape if it matters (the signature only proves that this server made it).
 * @throws DelveError as `unsign` does; DLV_SIGNATURE_MALFORMED when the signed text is not JSON.
 */
export function unsignObject<T = unknown>(keyring: Keyring, purpose: string, token: string, opts: UnsignOptions = {}): UnsignedObject<T> {
  const result = unsign(keyring, purpose, token, opts);
  let value: T;
  try {
    value = JSON.parse(result.value) as T;
  } catch {
    throw new DelveError('DLV_SIGNATURE_MALFORMED', 'The signed value is not JSON; it was not made by signObject for this purpose.');
  }
  return { ...result, value };
}
