import { errors, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { Authenticate } from "../../domain/ports/authenticator.js";
import { callerFromClaims } from "../../domain/shared/caller.js";
import { unauthenticated } from "../../domain/shared/errors.js";

export interface TokenVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
}

/** Asymmetric algorithms only: `none` and HMAC (a JWKS public key used as a shared secret) are refused. */
const ALGORITHMS = ["RS256", "ES256"];

/** Verifies `Authorization: Bearer <JWT>` with jose and turns its claims into a caller. */
export function createTokenVerifier({ keys, issuer, audience }: TokenVerifierOptions): Authenticate {
  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization?.trim() ?? "");
    if (!match) throw unauthenticated();
    try {
      const { payload } = await jwtVerify(match[1]!, keys, { issuer, audience, algorithms: ALGORITHMS, requiredClaims: ["exp"] });
      return callerFromClaims(payload);
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) {
        throw unauthenticated(error instanceof errors.JWTExpired ? "The token has expired" : "The token is invalid");
      }
      throw error;
    }
  };
}
