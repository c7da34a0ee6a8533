import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SigningKey } from "../../domain/identity/signing-key.js";
import type { SigningKeyStore } from "../../domain/ports/signing-key-store.js";
import { conditionalWrite } from "./conditional-write.js";
import { toItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { queryPartition } from "./query-all.js";

/** The platform's identity-token keys: a handful of items in one partition. */
export class DynamoSigningKeyStore implements SigningKeyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  list(): Promise<SigningKey[]> {
    return queryPartition<SigningKey>(this.db, this.tableName, keys.signingKeys());
  }

  async add(key: SigningKey): Promise<void> {
    const item = toItem(keys.signingKey(key.kid), key);
    await conditionalWrite(
      this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" })),
    );
  }

  async remove(kid: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.signingKey(kid) }));
  }
}
