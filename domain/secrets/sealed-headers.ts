import type { SecretCipher } from "../ports/secret-cipher.js";
import type { ServerHeader } from "../servers/server.js";
import { badInput } from "../shared/errors.js";
import { type HeaderInput, sameHeaderName } from "../shared/http-headers.js";
import { seal } from "./sealed-secret.js";

export const headerField = (name: string) => `header:${name.toLowerCase()}`;

/**
 * Builds a stored header list from input, each value sealed to its record and header name. A
 * header given without a value keeps the value stored under the same name, so an admin can
 * rename or reorder without re-entering secrets.
 */
export function sealHeaders(
  cipher: SecretCipher,
  where: { tenant: string; record: string; field: string },
  input: readonly HeaderInput[],
  existing: readonly ServerHeader[] = [],
): Promise<ServerHeader[]> {
  return Promise.all(
    input.map(async ({ name, value }, index) => {
      if (value !== undefined) {
        return { name, value: await seal(cipher, value, { tenant: where.tenant, record: where.record, field: headerField(name) }) };
      }
      const kept = existing.find((header) => sameHeaderName(header.name, name));
      if (!kept) throw badInput(`${where.field}.${index}.value`, "is required for a new header");
      return { name, value: kept.value };
    }),
  );
}
