/** A JSON Web Key, as published or stored. */
export type Jwk = Readonly<Record<string, unknown>>;

export interface KeyPair {
  /** What may be published: the public JWK with its `kid`, `alg` and `use`. */
  publicJwk: Jwk;
  /** The private JWK as JSON text, to seal at once. */
  privateJwk: string;
}

export interface VerifyRules {
  algorithms: readonly string[];
  issuer: string;
  audience?: string;
  maxTokenAgeSeconds?: number;
  requiredClaims: readonly string[];
  /** The clock's time, which `exp` and `iat` are judged against. */
  now: Date;
}

/**
 * JOSE operations (jose on every platform). The token operations throw `TokenRejected` with
 * the reason; the allowlists are the caller's policy, passed in, never the token's choice.
 */
export interface Jose {
  newKeyPair(use: "enc" | "sig", kid: string): Promise<KeyPair>;
  /** An RSA public key for RS256, from PEM (SPKI) or a JWK, as a public JWK; a message when it is not one. */
  rsaPublicKey(pemOrJwk: string): Promise<{ jwk: Jwk } | { problem: string }>;
  /** The protected header of a compact JWE (five parts); NOT_ENCRYPTED for a JWS, MALFORMED otherwise. */
  jweHeader(token: string): Record<string, unknown>;
  /** The plaintext of a compact JWE, decrypted only with the allowed algorithms. */
  decrypt(jwe: string, privateJwk: string, allow: { algorithms: readonly string[]; encryptions: readonly string[] }): Promise<string>;
  /** The claims of a JWS verified with `publicJwk` under `rules`. */
  verify(jws: string, publicJwk: Jwk, rules: VerifyRules): Promise<Record<string, unknown>>;
  sign(privateJwk: string, claims: Record<string, unknown>): Promise<string>;
}
