import { createPublicKey } from "node:crypto";
import { compactDecrypt, decodeProtectedHeader, errors, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from "jose";
import type { Jose, Jwk, KeyPair, VerifyRules } from "../../domain/ports/jose.js";
import { TokenRejected, type TokenRejection } from "../../domain/shared/token-rejected.js";

const ALGORITHM_OF = { enc: "RSA-OAEP-256", sig: "ES256" } as const;
const MIN_RSA_BITS = 2048;
const PUBLIC_RSA_MEMBERS = ["kty", "n", "e"] as const;

/** The claim a jose JWTClaimValidationFailed names, as our reason. */
const CLAIM_REASONS: Record<string, TokenRejection> = { iss: "WRONG_ISSUER", aud: "WRONG_AUDIENCE", iat: "TOO_OLD" };

function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof errors.JWTExpired) return error.claim === "iat" ? "TOO_OLD" : "EXPIRED";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === "missing") return "MISSING_CLAIMS";
    return CLAIM_REASONS[error.claim] ?? "MISSING_CLAIMS";
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return "ALGORITHM_NOT_ALLOWED";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "BAD_SIGNATURE";
  return "MALFORMED";
}

const rsaBits = (jwk: JWK) => (typeof jwk.n === "string" ? Buffer.from(jwk.n, "base64url").length * 8 : 0);

/** jose, behind the domain's port: keys, JWE decryption and JWS verification with explicit allowlists. */
export class JoseKit implements Jose {
  async newKeyPair(use: "enc" | "sig", kid: string): Promise<KeyPair> {
    const alg = ALGORITHM_OF[use];
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...(use === "enc" ? { modulusLength: 2048 } : {}) });
    const labels = { kid, alg, use };
    return {
      publicJwk: { ...(await exportJWK(publicKey)), ...labels },
      privateJwk: JSON.stringify({ ...(await exportJWK(privateKey)), ...labels }),
    };
  }

  async rsaPublicKey(pemOrJwk: string): Promise<{ jwk: Jwk } | { problem: string }> {
    let jwk: JWK;
    try {
      // Node reads any PEM public key, so an EC key is told apart from a broken one.
      jwk = pemOrJwk.trim().startsWith("{") ? (JSON.parse(pemOrJwk) as JWK) : createPublicKey(pemOrJwk.trim()).export({ format: "jwk" });
    } catch {
      return { problem: "must be an RSA public key as PEM (SPKI) or a JWK" };
    }
    if (jwk.kty !== "RSA") return { problem: "must be an RSA key (the website signs with RS256)" };
    if ("d" in jwk || "p" in jwk) return { problem: "must be a public key; never send a private key" };
    if (rsaBits(jwk) < MIN_RSA_BITS) return { problem: `must be at least ${MIN_RSA_BITS} bits` };
    const publicJwk = Object.fromEntries(PUBLIC_RSA_MEMBERS.map((member) => [member, jwk[member]]));
    try {
      await importJWK({ ...publicJwk, alg: "RS256" }, "RS256");
    } catch {
      return { problem: "must be an RSA public key as PEM (SPKI) or a JWK" };
    }
    return { jwk: { ...publicJwk, alg: "RS256", use: "sig" } };
  }

  jweHeader(token: string): Record<string, unknown> {
    const parts = token.split(".").length;
    if (parts === 3) throw new TokenRejected("NOT_ENCRYPTED");
    if (parts !== 5) throw new TokenRejected("MALFORMED");
    try {
      return decodeProtectedHeader(token);
    } catch {
      throw new TokenRejected("MALFORMED");
    }
  }

  async decrypt(
    jwe: string,
    privateJwk: string,
    allow: { algorithms: readonly string[]; encryptions: readonly string[] },
  ): Promise<string> {
    const key = await importJWK(JSON.parse(privateJwk) as JWK, "RSA-OAEP-256");
    try {
      const { plaintext } = await compactDecrypt(jwe, key, {
        keyManagementAlgorithms: [...allow.algorithms],
        contentEncryptionAlgorithms: [...allow.encryptions],
      });
      return new TextDecoder().decode(plaintext);
    } catch (error) {
      throw new TokenRejected(error instanceof errors.JOSEAlgNotAllowed ? "ALGORITHM_NOT_ALLOWED" : "DECRYPTION_FAILED");
    }
  }

  async verify(jws: string, publicJwk: Jwk, rules: VerifyRules): Promise<Record<string, unknown>> {
    const key = await importJWK(publicJwk as JWK, rules.algorithms[0]);
    try {
      const { payload } = await jwtVerify(jws, key, {
        algorithms: [...rules.algorithms],
        issuer: rules.issuer,
        ...(rules.audience ? { audience: rules.audience } : {}),
        ...(rules.maxTokenAgeSeconds ? { maxTokenAge: rules.maxTokenAgeSeconds } : {}),
        requiredClaims: [...rules.requiredClaims],
        currentDate: rules.now,
      });
      return payload;
    } catch (error) {
      throw new TokenRejected(rejectionOf(error));
    }
  }

  async sign(privateJwk: string, claims: Record<string, unknown>): Promise<string> {
    const jwk = JSON.parse(privateJwk) as JWK;
    const alg = typeof jwk.alg === "string" ? jwk.alg : "ES256";
    return new SignJWT(claims).setProtectedHeader({ alg, kid: jwk.kid!, typ: "JWT" }).sign(await importJWK(jwk, alg));
  }
}
