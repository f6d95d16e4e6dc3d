import { hash, parseOptions, verify, type Algorithm, type Options, type Version } from '@node-rs/argon2';
import { DelveError } from '../../errors.js';
import { MAX_PASSWORD_LENGTH, passwordLength } from './limits.js';

/** argon2id cost parameters, as stored in a PHC string (`m=`, `t=`, `p=`). */
export interface HashParams {
  /** Memory in KiB. */
  memoryCost: number;
  /** Passes. */
  timeCost: number;
  /** Lanes. */
  parallelism: number;
}

/** OWASP's first argon2id configuration: 19 MiB, 2 passes, 1 lane. */
export const PASSWORD_PARAMS: Readonly<HashParams> = Object.freeze({ memoryCost: 19456, timeCost: 2, parallelism: 1 });

// The package declares these as `const enum`s, which do not exist at run time under per-file transpilers (vitest).
const ARGON2ID = 2 as Algorithm;
const V0X13 = 1 as Version;
const MIN_OUTPUT_BYTES = 32;
const MIN_SALT_BYTES = 16;
/** Stored hashes asking for more than this are refused rather than run (a corrupt row must not exhaust memory/CPU). */
const MAX_VERIFY_MEMORY_KIB = 1024 * 1024;
const MAX_VERIFY_TIME_COST = 64;

/**
 * A valid argon2id hash (current parameters) of a random string nobody knows. `verifyDummy` checks against it so
 * that a login for an unknown user costs the same as one for a known user (no user enumeration by timing).
 */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$vgyHZIX30QZ8Boz/S9Lqkw$eZl2yKZYOrj23IuWS0ZojEgm+aHs1yLWjaquR09uaTM';

function options(params: HashParams): Options {
  return { algorithm: ARGON2ID, version: V0X13, ...params, outputLen: MIN_OUTPUT_BYTES };
}

/**
 * Hashes a password with argon2id and a fresh random salt; returns a PHC string
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) that records the parameters, so they can be raised later.
 * @throws DelveError DLV_PASSWORD_INVALID (field `password`) for an empty password or one over the maximum length.
 */
export async function hashPassword(password: string, params: HashParams = PASSWORD_PARAMS): Promise<string> {
  if (typeof password !== 'string' || password.length === 0) {
    throw new DelveError('DLV_PASSWORD_INVALID', 'Enter a password.', { field: 'password' });
  }
  if (passwordLength(password) > MAX_PASSWORD_LENGTH) {
    throw new DelveError('DLV_PASSWORD_INVALID', `This password is too long. Use at most ${MAX_PASSWORD_LENGTH} characters.`, { field: 'password' });
  }
  return hash(password, options(params));
}

/** Parses a PHC string's parameters, or undefined when it is not an argon2 hash. */
function parsed(phc: unknown): ReturnType<typeof parseOptions> | undefined {
  if (typeof phc !== 'string' || !phc.startsWith('$argon2') || phc.length > 512) return undefined;
  try {
    return parseOptions(phc);
  } catch {
    return undefined;
  }
}

/**
 * Checks `password` against a stored PHC hash in constant time (argon2's own comparison).
 * Never throws: a malformed, non-argon2 or absurdly expensive hash, a non-string, or an over-long password gives false.
 */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  const p = parsed(phc);
  if (p === undefined || p.memoryCost > MAX_VERIFY_MEMORY_KIB || p.timeCost > MAX_VERIFY_TIME_COST) return false;
  if (typeof password !== 'string' || passwordLength(password) > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/**
 * Runs a full verification against `DUMMY_HASH` and always resolves to false. Call it when the user does not exist,
 * so the response takes as long as a real failed login.
 */
export async function verifyDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, typeof password === 'string' ? password : '');
  return false;
}

/**
 * True when a stored hash should be replaced on the next successful login: it is not argon2id v1.3, its
 * parameters differ from `params`, its output or salt is shorter than ours, or it cannot be parsed at all.
 */
export function needsRehash(phc: string, params: HashParams = PASSWORD_PARAMS): boolean {
  const p = parsed(phc);
  if (p === undefined) return true;
  return (
    p.algorithm !== ARGON2ID ||
    p.version !== V0X13 ||
    p.memoryCost !== params.memoryCost ||
    p.timeCost !== params.timeCost ||
    p.parallelism !== params.parallelism ||
    p.outputLen < MIN_OUTPUT_BYTES ||
    p.saltLen < MIN_SALT_BYTES
  );
}
