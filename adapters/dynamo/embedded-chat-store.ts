import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EmbeddedChat } from "../../domain/embedded/embedded-chat.js";
import type { EmbeddedChatStore } from "../../domain/ports/embedded-chat-store.js";
import { conflict } from "../../domain/shared/errors.js";
import { keys } from "./keys.js";
import { VersionedItems } from "./versioned-items.js";

const staleWrite = () => conflict("The embedded chat was changed or removed by someone else; reload and retry");

/** Embedded chats, one item each in the tenant's EMBEDDED_CHATS partition (listing is one Query). */
export class DynamoEmbeddedChatStore implements EmbeddedChatStore {
  private readonly items: VersionedItems<EmbeddedChat>;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.items = new VersionedItems(db, tableName, (chat) => keys.embeddedChat(chat.tenantId, chat.id));
  }

  get(tenantId: string, id: string) {
    return this.items.get(keys.embeddedChat(tenantId, id));
  }

  list(tenantId: string) {
    return this.items.list(keys.embeddedChats(tenantId));
  }

  async create(chat: EmbeddedChat): Promise<void> {
    if (!(await this.items.create(chat))) throw conflict("An embedded chat with this id already exists");
  }

  async update(next: EmbeddedChat, previous: EmbeddedChat): Promise<void> {
    if (!(await this.items.replace(next, previous))) throw staleWrite();
  }

  async delete(chat: EmbeddedChat): Promise<void> {
    if (!(await this.items.delete(chat))) throw staleWrite();
  }
}
