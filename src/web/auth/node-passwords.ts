import { hash, verify } from '@node-rs/argon2';
import { ARGON2_PARAMS, type PasswordHasher } from './passwords.js';

/** Native argon2id (Rust, prebuilt inside the npm package: no compiler), off the event loop. */
export const nativeHasher: PasswordHasher = {
  hash: (password) =>
    hash(password, {
      // The package's `Algorithm.Argon2id`, a const enum that isolated modules cannot read.
      algorithm: 2,
      memoryCost: ARGON2_PARAMS.m,
      timeCost: ARGON2_PARAMS.t,
      parallelism: ARGON2_PARAMS.p,
    }),
  verify: (phc, password) => verify(phc, password).catch(() => false),
};
