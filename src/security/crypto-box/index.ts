/** Secrets at rest (DESIGN §4.2): AES-256-GCM under a key derived from SECRET_KEY, key id stored with each value. */
export { encrypt, decrypt, type Sealed, type Opened } from './box.js';
export { reencryptAll, type SealedRow, type ReencryptCounts, type ReencryptResult } from './reencrypt.js';
