/**
 * Binds a ciphertext to where it lives. A cipher checks it on decrypt, so ciphertext copied
 * from one record or field into another does not decrypt.
 */
export interface EncryptionContext {
  readonly tenant: string;
  readonly record: string;
  readonly field: string;
}

export interface SecretCipher {
  encrypt(plaintext: string, context: EncryptionContext): Promise<string>;
  decrypt(ciphertext: string, context: EncryptionContext): Promise<string>;
}
