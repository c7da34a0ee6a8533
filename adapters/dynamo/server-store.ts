import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ServerState, ServerStore } from "../../domain/ports/server-store.js";
import type { McpServer } from "../../domain/servers/server.js";
import { conflict } from "../../domain/shared/errors.js";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { queryAll } from "./query-all.js";
import { setExpression } from "./set-expression.js";

interface SlugClaim {
  serverId: string;
  /** Epoch ms: a claim whose server is missing is only taken over once it is older than a grace period. */
  claimedAt: number;
}

/** Longer than any create or update takes between its claim and its server write. */
const CLAIM_GRACE_MS = 60_000;

/**
 * Servers in DynamoDB. Slug uniqueness needs two items (server, slug claim) and dynalite has no
 * transactions, so claims are written first and made self-healing: a claim whose server no
 * longer holds that slug (a crash between the two writes) is taken over, never a dead end.
 */
export class DynamoServerStore implements ServerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, id: string): Promise<McpServer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.server(tenantId, id), ConsistentRead: true }),
    );
    return Item ? serverOf(Item) : undefined;
  }

  list(tenantId: string): Promise<McpServer[]> {
    const { pk, skPrefix } = keys.servers(tenantId);
    return queryAll<Record<string, unknown>>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
      ConsistentRead: true,
    }).then((items) => items.map(serverOf));
  }

  async create(server: McpServer): Promise<void> {
    await this.claimSlug(server.tenantId, server.slug, server.id);
    const written = await conditionalWrite(
      this.db.send(new PutCommand({ TableName: this.tableName, Item: itemOf(server), ConditionExpression: "attribute_not_exists(pk)" })),
    ).catch(async (error: unknown) => {
      await this.releaseSlug(server.tenantId, server.slug, server.id);
      throw error;
    });
    if (!written) {
      await this.releaseSlug(server.tenantId, server.slug, server.id);
      throw conflict("A server with this id already exists");
    }
  }

  async update(next: McpServer, previous: McpServer): Promise<void> {
    const slugChanged = next.slug !== previous.slug;
    if (slugChanged) await this.claimSlug(next.tenantId, next.slug, next.id);
    const put = new PutCommand({
      TableName: this.tableName,
      Item: itemOf(next),
      ConditionExpression: "version = :expected",
      ExpressionAttributeValues: { ":expected": previous.version },
    });
    const written = await conditionalWrite(this.db.send(put)).catch(async (error: unknown) => {
      if (slugChanged) await this.releaseSlug(next.tenantId, next.slug, next.id);
      throw error;
    });
    // Whichever slug the stored server does not hold is released.
    const unheld = written ? previous : next;
    if (slugChanged) await this.releaseSlug(unheld.tenantId, unheld.slug, unheld.id);
    if (!written) throw staleWrite();
  }

  async delete(server: McpServer): Promise<void> {
    const deleted = await conditionalWrite(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.server(server.tenantId, server.id),
          ConditionExpression: "version = :expected",
          ExpressionAttributeValues: { ":expected": server.version },
        }),
      ),
    );
    if (!deleted) throw staleWrite();
    await this.releaseSlug(server.tenantId, server.slug, server.id);
  }

  recordCheck(tenantId: string, id: string, state: ServerState): Promise<void> {
    return this.recordState(tenantId, id, state);
  }

  async recordState(tenantId: string, id: string, state: ServerState): Promise<void> {
    if (Object.values(state).every((value) => value === undefined)) return;
    // A server deleted meanwhile fails the condition: there is nothing left to record state on.
    await conditionalWrite(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.server(tenantId, id),
          ...setExpression(state),
          ConditionExpression: "attribute_exists(pk)",
        }),
      ),
    );
  }

  listDueForToolRefresh(): Promise<McpServer[]> {
    const { gsi1pk } = keys.toolRefreshQueue();
    return queryAll<Record<string, unknown>>(this.db, {
      TableName: this.tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": gsi1pk },
    }).then((items) => items.map(serverOf));
  }

  private async claimSlug(tenantId: string, slug: string, serverId: string): Promise<void> {
    const key = keys.slugClaim(tenantId, slug);
    if (await this.putClaim(key, serverId, "attribute_not_exists(pk)")) return;
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    const claim = Item ? fromItem<SlugClaim>(Item) : undefined;
    if (claim?.serverId === serverId) return;
    const taken = conflict(`The slug "${slug}" is already used by another server`);
    if (claim && !(await this.isOrphan(tenantId, slug, claim))) throw taken;
    if (!(await this.putClaim(key, serverId, "serverId = :holder", { ":holder": claim?.serverId }))) throw taken;
  }

  /** A claim whose server does not hold the slug. Its holder may be between its claim and its server write: only an old claim can be an orphan. */
  private async isOrphan(tenantId: string, slug: string, claim: SlugClaim): Promise<boolean> {
    if (Date.now() - (claim.claimedAt ?? 0) < CLAIM_GRACE_MS) return false;
    return (await this.get(tenantId, claim.serverId))?.slug !== slug;
  }

  private putClaim(key: { pk: string; sk: string }, serverId: string, condition: string, values?: Record<string, unknown>) {
    return conditionalWrite(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(key, { serverId, claimedAt: Date.now() } satisfies SlugClaim),
          ConditionExpression: condition,
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  }

  /** Frees a claim only if this server still holds it; losing the race is fine (claims self-heal). */
  private async releaseSlug(tenantId: string, slug: string, serverId: string): Promise<void> {
    await conditionalWrite(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.slugClaim(tenantId, slug),
          ConditionExpression: "serverId = :id",
          ExpressionAttributeValues: { ":id": serverId },
        }),
      ),
    );
  }
}

/** Servers stored before OAuth settings existed read as having none. */
function serverOf(item: Record<string, unknown>): McpServer {
  const server = fromItem<McpServer>(item);
  return {
    ...server,
    oauthClientId: server.oauthClientId ?? null,
    oauthClientSecret: server.oauthClientSecret ?? null,
    oauthScopes: server.oauthScopes ?? null,
  };
}

/** A server's item: its keys, and the refresh job's sparse index only while it is due for refreshes. */
function itemOf(server: McpServer) {
  const item = toItem(keys.server(server.tenantId, server.id), server);
  return server.isEnabled && server.toolsCacheEnabled ? { ...item, ...keys.toolRefreshIndex(server.tenantId, server.id) } : item;
}

const staleWrite = () => conflict("The server was changed or removed by someone else; reload and retry");
