import { exportJWK, generateKeyPair, type JWK } from "jose";
import { type LocalSigningKey, signingKeyFromJwk, type TokenClaims } from "../../adapters/auth/local-signing-key.js";

/** A fresh ES256 issuer for a test file: tokens it signs are trusted only by APIs built with it. */
export async function testIssuer(): Promise<LocalSigningKey & { privateJwk: JWK }> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), alg: "ES256", kid: "test" };
  return { ...(await signingKeyFromJwk(privateJwk)), privateJwk };
}

export type { TokenClaims };
