import type { SecretCipher } from "../ports/secret-cipher.js";
import { sealHeaders } from "../secrets/sealed-headers.js";
import { seal, type SealedSecret } from "../secrets/sealed-secret.js";
import type { HeaderInput } from "../shared/http-headers.js";
import { CREDENTIAL_FIELD, OAUTH_CLIENT_SECRET_FIELD, type ServerHeader, serverRecord } from "./server.js";

/** Seals a server's header values and credential, bound to the server's record and field. */
export class ServerSecrets {
  constructor(private readonly cipher: SecretCipher) {}

  sealHeaders(tenantId: string, serverId: string, input: readonly HeaderInput[], existing: readonly ServerHeader[] = []) {
    return sealHeaders(this.cipher, { tenant: tenantId, record: serverRecord(serverId), field: "headers" }, input, existing);
  }

  sealOAuthClientSecret(tenantId: string, serverId: string, secret: string): Promise<SealedSecret> {
    return seal(this.cipher, secret, { tenant: tenantId, record: serverRecord(serverId), field: OAUTH_CLIENT_SECRET_FIELD });
  }

  sealCredential(tenantId: string, serverId: string, credential: string): Promise<SealedSecret> {
    return seal(this.cipher, credential, { tenant: tenantId, record: serverRecord(serverId), field: CREDENTIAL_FIELD });
  }
}
