/** Password hashing (argon2id, PHC strings) and the password rules (DESIGN §4.4). */
export { hashPassword, verifyPassword, verifyDummy, needsRehash, DUMMY_HASH, PASSWORD_PARAMS, type HashParams } from './hasher.js';
export { validatePassword, assertValidPassword, DEFAULT_MIN_LENGTH, DEFAULT_MAX_SIMILARITY, type PasswordRules } from './validators.js';
export { COMMON_PASSWORDS, isCommonPassword } from './common-passwords.js';
export { MAX_PASSWORD_LENGTH } from './limits.js';
export { similarityRatio } from './similarity.js';
