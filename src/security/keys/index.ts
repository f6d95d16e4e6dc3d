export { Keyring, type KeySource } from './keyring.js';
export { generateSecretKey, MIN_KEY_LENGTH, DEFAULT_KEY_LENGTH } from './generate.js';
export { keyWeakness } from './strength.js';
export { resolveKeys, generatedKeyPath, HOW_TO_SET_KEY, type ResolvedKeys } from './resolve.js';
