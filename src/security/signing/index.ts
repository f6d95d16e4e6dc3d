/** Signed, URL-safe, timestamped values (DESIGN §4.2): sessions, CSRF tokens, reset/setup/share links. */
export { sign, unsign, type Unsigned, type SignOptions, type UnsignOptions } from './signer.js';
export { signObject, unsignObject, type UnsignedObject } from './signed-object.js';
export { encodeBase64url, decodeBase64urlStrict, decodeUtf8Strict } from './base64url.js';
