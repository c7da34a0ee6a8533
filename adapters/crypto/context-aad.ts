import type { EncryptionContext } from "../../domain/ports/secret-cipher.js";

/** The encryption context as AES-GCM additional data: fixed field order, so it is canonical. */
export const contextAad = ({ tenant, record, field }: EncryptionContext) => Buffer.from(JSON.stringify([tenant, record, field]), "utf8");
