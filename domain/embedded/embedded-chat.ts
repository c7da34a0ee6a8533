import type { Jwk } from "../ports/jose.js";
import type { SealedSecret } from "../secrets/sealed-secret.js";

/** One of the platform's RSA key pairs a website encrypts its tokens to; the private half sealed, never shown. */
export interface EncryptionKey {
  readonly kid: string;
  readonly publicJwk: Jwk;
  readonly privateKey: SealedSecret;
  readonly createdAt: string;
  /** When a rotation replaced it; it keeps decrypting for the grace period after. */
  readonly retiredAt: string | null;
}

/**
 * A website that embeds the chat: it signs its users' JWTs (RS256) and encrypts them to the
 * platform; the platform decrypts, verifies, and passes the inner JWT on to JWT passthrough
 * servers, which verify it with the website's public key.
 */
export interface EmbeddedChat {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  /** The `iss` its tokens must carry. */
  readonly issuer: string;
  /** The `aud` its tokens must carry, when set. */
  readonly audience: string | null;
  /** How old (by `iat`) a token may be. */
  readonly maxTokenAgeSeconds: number;
  /** The website's RS256 public key. */
  readonly signingKey: Jwk;
  /** Newest first: the first is the one to encrypt to. */
  readonly encryptionKeys: readonly EncryptionKey[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** What an embedded chat vouched for on one request, after decryption and verification. */
export interface EmbeddedIdentity {
  readonly chatId: string;
  /** The website's signed JWT, as verified: what `%{jwt_token}` becomes. */
  readonly jwt: string;
  readonly subject: string;
  readonly expiresAt: string;
}

/** Key ids name their chat (`<chatId>.<random>`), so a token finds its key with one read. */
export const newKid = (chatId: string, random: string) => `${chatId}.${random}`;
export const chatIdOfKid = (kid: string) => kid.split(".")[0] ?? "";

/** The key `kid` names, if the chat still decrypts with it: the current one, or one retired less than `graceMs` ago. */
export function acceptingKey(chat: EmbeddedChat, kid: string, now: Date, graceMs: number): EncryptionKey | undefined {
  const key = chat.encryptionKeys.find((each) => each.kid === kid);
  if (!key || key.retiredAt === null) return key;
  return now.getTime() - Date.parse(key.retiredAt) < graceMs ? key : undefined;
}

/** The keys worth keeping after a rotation at `now`: the new one, and retired ones still in their grace period. */
export const keysAfterRotation = (
  fresh: EncryptionKey,
  previous: readonly EncryptionKey[],
  now: Date,
  graceMs: number,
): EncryptionKey[] => [
  fresh,
  ...previous
    .map((key) => (key.retiredAt === null ? { ...key, retiredAt: now.toISOString() } : key))
    .filter((key) => now.getTime() - Date.parse(key.retiredAt!) < graceMs),
];
