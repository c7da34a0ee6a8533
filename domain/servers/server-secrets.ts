import type { SecretCipher } from "../ports/secret-cipher.js";
import { seal, type SealedSecret } from "../secrets/sealed-secret.js";
import { badInput } from "../shared/errors.js";
import { sameHeaderName } from "../shared/http-headers.js";
import { CREDENTIAL_FIELD, headerField, type ServerHeader, serverRecord } from "./server.js";
import type { HeaderInput } from "./server-input.js";

/** Seals a server's header values and credential, bound to the server's record and field. */
export class ServerSecrets {
  constructor(private readonly cipher: SecretCipher) {}

  /**
   * Builds the stored header list from input. A header given without a value keeps the value
   * stored under the same name, so an admin can rename or reorder without re-entering secrets.
   */
  async sealHeaders(
    tenantId: string,
    serverId: string,
    input: readonly HeaderInput[],
    existing: readonly ServerHeader[] = [],
  ): Promise<ServerHeader[]> {
    return Promise.all(
      input.map(async ({ name, value }, index) => {
        if (value !== undefined) {
          const context = { tenant: tenantId, record: serverRecord(serverId), field: headerField(name) };
          return { name, value: await seal(this.cipher, value, context) };
        }
        const kept = existing.find((header) => sameHeaderName(header.name, name));
        if (!kept) throw badInput(`headers.${index}.value`, "is required for a new header");
        return { name, value: kept.value };
      }),
    );
  }

  sealCredential(tenantId: string, serverId: string, credential: string): Promise<SealedSecret> {
    return seal(this.cipher, credential, { tenant: tenantId, record: serverRecord(serverId), field: CREDENTIAL_FIELD });
  }
}
