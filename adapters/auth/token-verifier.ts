import { errors, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { Authenticate } from "../../domain/ports/authenticator.js";
import { callerFromClaims, TOKEN_EXPIRED } from "../../domain/shared/caller.js";
import { unauthenticated } from "../../domain/shared/errors.js";

export interface TokenVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Said instead of "The token is invalid" when the token names a key this verifier does not hold, or fails its signature. */
  unknownKeyMessage?: string;
}

/** Asymmetric algorithms only: `none` and HMAC (a JWKS public key used as a shared secret) are refused. */
const ALGORITHMS = ["RS256", "ES256"];

/** Verifies `Authorization: Bearer <JWT>` with jose and turns its claims into a caller. */
export function createTokenVerifier({ keys, issuer, audience, unknownKeyMessage }: TokenVerifierOptions): Authenticate {
  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization?.trim() ?? "");
    if (!match) throw unauthenticated();
    try {
      const { payload } = await jwtVerify(match[1]!, keys, { issuer, audience, algorithms: ALGORITHMS, requiredClaims: ["exp"] });
      return callerFromClaims(payload);
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) {
        throw unauthenticated(rejection(error, unknownKeyMessage));
      }
      throw error;
    }
  };
}

function rejection(error: Error, unknownKeyMessage = "The token is invalid"): string {
  if (error instanceof errors.JWTExpired) return TOKEN_EXPIRED;
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) return unknownKeyMessage;
  return "The token is invalid";
}
