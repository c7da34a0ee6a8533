import type { EncryptionContext, SecretCipher } from "../ports/secret-cipher.js";
import { badInput, DomainError } from "../shared/errors.js";
import { type HeaderInput, sameHeaderName } from "../shared/http-headers.js";
import { previewOf, type SealedSecret } from "./sealed-secret.js";
import type { HeaderSlots } from "./secret-slots.js";
import { UnreadableSecret } from "./unreadable-secret.js";

/** A stored header: its name in clear, its value sealed. */
export interface SealedHeader {
  readonly name: string;
  readonly value: SealedSecret;
}

/** Sealing and opening secrets, each bound to its slot (see secret-slots.ts). */
export class Secrets {
  constructor(private readonly cipher: SecretCipher) {}

  async seal(slot: EncryptionContext, value: string): Promise<SealedSecret> {
    return { ciphertext: await this.cipher.encrypt(value, slot), preview: previewOf(value) };
  }

  async open(slot: EncryptionContext, sealed: SealedSecret): Promise<string> {
    try {
      return await this.cipher.decrypt(sealed.ciphertext, slot);
    } catch (error) {
      // An outage of the key service says so itself; anything else is this secret's own failure.
      if (error instanceof DomainError) throw error;
      throw new UnreadableSecret(slot);
    }
  }

  /**
   * A stored header list from input, each value sealed to its header's slot. A header given
   * without a value keeps the value stored under the same name, so an admin can rename or
   * reorder without re-entering secrets. `inputField` names the list in errors.
   */
  sealHeaders(
    slots: HeaderSlots,
    input: readonly HeaderInput[],
    existing: readonly SealedHeader[],
    inputField: string,
  ): Promise<SealedHeader[]> {
    return Promise.all(
      input.map(async ({ name, value }, index) => {
        if (value !== undefined) return { name, value: await this.seal(slots(name), value) };
        const kept = existing.find((header) => sameHeaderName(header.name, name));
        if (!kept) throw badInput(`${inputField}.${index}.value`, "is required for a new header");
        return { name, value: kept.value };
      }),
    );
  }

  openHeaders(slots: HeaderSlots, headers: readonly SealedHeader[]): Promise<Array<readonly [string, string]>> {
    return Promise.all(headers.map(async (header) => [header.name, await this.open(slots(header.name), header.value)] as const));
  }
}
