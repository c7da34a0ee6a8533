import type { EmbeddedChat } from "../embedded/embedded-chat.js";

/** Embedded chats of a tenant; `update` and `delete` fail with CONFLICT on a stale version. */
export interface EmbeddedChatStore {
  get(tenantId: string, id: string): Promise<EmbeddedChat | undefined>;
  list(tenantId: string): Promise<EmbeddedChat[]>;
  create(chat: EmbeddedChat): Promise<void>;
  update(next: EmbeddedChat, previous: EmbeddedChat): Promise<void>;
  delete(chat: EmbeddedChat): Promise<void>;
}
