import { createSecretKey, type KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * The HS256 secret as a KeyObject, made once per secret. Given a string, jsonwebtoken first tries to
 * read it as a PEM public key — which throws — and only then makes a secret key, on every verify:
 * 1.2 ms of CPU per signed-in request (profile of the officers' queue, docs/decisions.md).
 */
export function jwtKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}
