import type { SigningKey } from "../identity/signing-key.js";

/** The platform's identity-token keys (not any tenant's). */
export interface SigningKeyStore {
  list(): Promise<SigningKey[]>;
  /** Adds a key unless its kid exists. */
  add(key: SigningKey): Promise<void>;
  remove(kid: string): Promise<void>;
}
