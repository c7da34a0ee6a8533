import { DomainError } from "./errors.js";

/** Why a token was refused, as `extensions.reason`: a client can act on it, and nothing of the token is in it. */
export const TOKEN_REJECTIONS = {
  MALFORMED: "The embedded token is not a compact JWE.",
  NOT_ENCRYPTED: "The embedded token must be encrypted for the platform (a JWE), not a bare JWS.",
  ALGORITHM_NOT_ALLOWED: "The embedded token uses an algorithm that is not allowed.",
  COMPRESSION_NOT_ALLOWED: "The embedded token must not be compressed.",
  UNKNOWN_KEY: "The embedded token was encrypted for a key this tenant does not have (or no longer accepts).",
  DECRYPTION_FAILED: "The embedded token could not be decrypted.",
  BAD_SIGNATURE: "The embedded token's signature is not the website's.",
  EXPIRED: "The embedded token has expired.",
  TOO_OLD: "The embedded token is older than the embedded chat allows.",
  WRONG_ISSUER: "The embedded token's issuer is not the embedded chat's.",
  WRONG_AUDIENCE: "The embedded token's audience is not the embedded chat's.",
  MISSING_CLAIMS: "The embedded token lacks a required claim (exp, iat or sub).",
} as const;

export type TokenRejection = keyof typeof TOKEN_REJECTIONS;

export class TokenRejected extends DomainError {
  constructor(readonly reason: TokenRejection) {
    super("UNAUTHENTICATED", TOKEN_REJECTIONS[reason]);
    this.name = "TokenRejected";
  }
}
