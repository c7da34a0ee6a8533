/**
 * Every key of the table, in one place. Each partition key starts with the tenant, so a query
 * built from a verified tenant id can never reach another tenant's items. Tenant ids are
 * restricted to `[A-Za-z0-9_-]` (domain/shared/identifiers.ts), so no tenant can spell `#`.
 */
const tenantPartition = (tenantId: string, collection: string) => `T#${tenantId}#${collection}`;

export interface ItemKey {
  pk: string;
  sk: string;
}

export const SERVER_PREFIX = "SERVER#";
const CONNECTIONS_OF = "CONNS#";
const TOOL_REFRESH_JOB = "JOB#REFRESH_TOOLS";
const OAUTH_REFRESH_JOB = "JOB#OAUTH_REFRESH";
const RUNNING_CALLS_JOB = "JOB#RUNNING_CALLS";
/** Every call of every tenant passes through the running-calls index: spread over this many partitions, none runs hot. */
const RUNNING_CALL_SHARDS = 8;
const shardOf = (callId: string) => [...callId].reduce((sum, char) => sum + char.charCodeAt(0), 0) % RUNNING_CALL_SHARDS;
const SLUG_PREFIX = "SLUG#";
export const TOOL_SET_PREFIX = "SET#";

export const keys = {
  /** All servers of a tenant share one partition: listing them is one Query, never a Scan. */
  server: (tenantId: string, serverId: string): ItemKey => ({
    pk: tenantPartition(tenantId, "SERVERS"),
    sk: SERVER_PREFIX + serverId,
  }),
  servers: (tenantId: string) => ({ pk: tenantPartition(tenantId, "SERVERS"), skPrefix: SERVER_PREFIX }),
  /** Claims a slug for one server; a conditional put on it is what makes slugs unique per tenant. */
  slugClaim: (tenantId: string, slug: string): ItemKey => ({
    pk: tenantPartition(tenantId, "SERVERS"),
    sk: SLUG_PREFIX + slug,
  }),
  /**
   * Connections are partitioned by subject (the tenant, an agent, a user): everything one caller
   * may use, across all servers, is one Query, whatever the number of servers.
   */
  connection: (tenantId: string, scope: string, subject: string, serverId: string): ItemKey => ({
    pk: tenantPartition(tenantId, `${CONNECTIONS_OF}${scope}#${subject}`),
    sk: SERVER_PREFIX + serverId,
  }),
  connectionsOfSubject: (tenantId: string, scope: string, subject: string) => ({
    pk: tenantPartition(tenantId, `${CONNECTIONS_OF}${scope}#${subject}`),
    skPrefix: SERVER_PREFIX,
  }),
  /**
   * A tenant's tools in one partition, one snapshot per server (its head item, plus parts keyed by
   * revision when the compressed tools outgrow one item): the agent catalog is one Query that
   * reads a number of items that does not grow with the number of tools.
   */
  toolSetHead: (tenantId: string, serverId: string): ItemKey => ({
    pk: tenantPartition(tenantId, "TOOLS"),
    sk: `${TOOL_SET_PREFIX}${serverId}#HEAD`,
  }),
  toolSetPart: (tenantId: string, serverId: string, revision: string, index: number): ItemKey => ({
    pk: tenantPartition(tenantId, "TOOLS"),
    sk: `${TOOL_SET_PREFIX}${serverId}#PART#${revision}#${index}`,
  }),
  toolSetOfServer: (tenantId: string, serverId: string) => ({
    pk: tenantPartition(tenantId, "TOOLS"),
    skPrefix: `${TOOL_SET_PREFIX}${serverId}#`,
  }),
  toolsOfTenant: (tenantId: string) => ({ pk: tenantPartition(tenantId, "TOOLS") }),
  /** Before snapshots: one item per (server, tool). Read for servers that have no snapshot yet, and folded into it by its first write. */
  legacyToolsOfServer: (tenantId: string, serverId: string) => ({ pk: tenantPartition(tenantId, "TOOLS"), skPrefix: `${serverId}#` }),
  /**
   * gsi1, sparse: only enabled servers with a tool cache carry it, in every tenant, so the
   * refresh job finds its work with a Query and never a Scan.
   */
  toolRefreshIndex: (tenantId: string, serverId: string) => ({ gsi1pk: TOOL_REFRESH_JOB, gsi1sk: `${tenantId}#${serverId}` }),
  toolRefreshQueue: () => ({ gsi1pk: TOOL_REFRESH_JOB }),
  toolCall: (tenantId: string, callId: string): ItemKey => ({ pk: tenantPartition(tenantId, `CALL#${callId}`), sk: "CALL" }),
  /** gsi2: every call in its user's timeline, newest first by `createdAt#id`. */
  userCallsIndex: (tenantId: string, userId: string, createdAt: string, callId: string) => ({
    gsi2pk: tenantPartition(tenantId, `CALLS#USER#${userId}`),
    gsi2sk: `${createdAt}#${callId}`,
  }),
  /** gsi3: the tenant's calls on shared servers (what admins see), newest first; calls on private servers never carry it. */
  sharedCallsIndex: (tenantId: string, createdAt: string, callId: string) => ({
    gsi3pk: tenantPartition(tenantId, "CALLS#SHARED"),
    gsi3sk: `${createdAt}#${callId}`,
  }),
  /** gsi1, sparse: a call carries it only while it waits for its user's decision. */
  pendingCallIndex: (tenantId: string, userId: string, createdAt: string, callId: string) => ({
    gsi1pk: tenantPartition(tenantId, `PENDING#${userId}`),
    gsi1sk: `${createdAt}#${callId}`,
  }),
  pendingCallsOf: (tenantId: string, userId: string) => ({ gsi1pk: tenantPartition(tenantId, `PENDING#${userId}`) }),
  /**
   * gsi1, sparse: a call carries it only while RUNNING, in every tenant, ordered by when it
   * started, so the refresh job finds calls abandoned mid-run with a Query per shard, never a Scan.
   */
  runningCallIndex: (tenantId: string, callId: string, since: string) => ({
    gsi1pk: `${RUNNING_CALLS_JOB}#${shardOf(callId)}`,
    gsi1sk: `${since}#${tenantId}#${callId}`,
  }),
  runningCallQueues: () => Array.from({ length: RUNNING_CALL_SHARDS }, (_, shard) => ({ gsi1pk: `${RUNNING_CALLS_JOB}#${shard}` })),
  /** A client's answer to a question put to it mid-call, until the waiting request takes it. */
  reply: (tenantId: string, key: string): ItemKey => ({ pk: tenantPartition(tenantId, `REPLY#${key}`), sk: "REPLY" }),
  /** One rate-limit window of one key (a connector instance): its count of calls. */
  rateWindow: (tenantId: string, key: string, windowStart: number): ItemKey => ({
    pk: tenantPartition(tenantId, `RATE#${key}`),
    sk: `W#${windowStart}`,
  }),
  /** One day's counters of one tool's calls (the tool name comes last, so whatever it spells stays inside the key). */
  callCounters: (tenantId: string, day: string, serverId: string, toolName: string): ItemKey => ({
    pk: tenantPartition(tenantId, "METRICS"),
    sk: `${day}#${serverId}#${toolName}`,
  }),
  callCountersOf: (tenantId: string) => ({ pk: tenantPartition(tenantId, "METRICS") }),
  /** An agent the tenant was seen using (agent ids match `[A-Za-z0-9_.:@-]`: no `#`). */
  agent: (tenantId: string, agentId: string): ItemKey => ({ pk: tenantPartition(tenantId, "AGENTS"), sk: `AGENT#${agentId}` }),
  agents: (tenantId: string) => ({ pk: tenantPartition(tenantId, "AGENTS"), skPrefix: "AGENT#" }),
  /** A tenant's configuration version: bumped by every write that changes what a call may do (warm caches check it). */
  configVersion: (tenantId: string): ItemKey => ({ pk: tenantPartition(tenantId, "CONFIG"), sk: "VERSION" }),
  /** A tenant's connectors share one partition (listing them is one Query); the id is the descriptor's slug. */
  connector: (tenantId: string, id: string): ItemKey => ({ pk: tenantPartition(tenantId, "CONNECTORS"), sk: `CONNECTOR#${id}` }),
  connectors: (tenantId: string) => ({ pk: tenantPartition(tenantId, "CONNECTORS"), skPrefix: "CONNECTOR#" }),
  /**
   * A WebSocket connection's own partition: its state and an index of its subscriptions. It
   * exists before the connection proves its tenant (at connection_init), so it is keyed by the
   * connection id alone (API Gateway's, unguessable); it holds nothing of a tenant but ids.
   */
  socket: (connectionId: string): ItemKey => ({ pk: `WS#${connectionId}`, sk: "CONNECTION" }),
  socketSubscription: (connectionId: string, id: string): ItemKey => ({ pk: `WS#${connectionId}`, sk: `SUB#${id}` }),
  socketSubscriptions: (connectionId: string) => ({ pk: `WS#${connectionId}`, skPrefix: "SUB#" }),
  /** The subscriptions of one topic (topics name their tenant too): one Query per published event. */
  topicSubscription: (tenantId: string, topic: string, connectionId: string, id: string): ItemKey => ({
    pk: tenantPartition(tenantId, `TOPIC#${topic}`),
    sk: `SUB#${connectionId}#${id}`,
  }),
  topicSubscriptions: (tenantId: string, topic: string) => ({ pk: tenantPartition(tenantId, `TOPIC#${topic}`), skPrefix: "SUB#" }),
  /** Which paused call the same request (same user, agent, tool and arguments, hashed) is waiting on. */
  retryPointer: (tenantId: string, fingerprint: string): ItemKey => ({
    pk: tenantPartition(tenantId, `RETRY#${fingerprint}`),
    sk: "RETRY",
  }),
  /** Which call an idempotency key names (the key is scoped to its user and agent, and hashed). */
  idempotencyKey: (tenantId: string, key: string): ItemKey => ({ pk: tenantPartition(tenantId, `IDEMPOTENCY#${key}`), sk: "KEY" }),
  /**
   * gsi2, sparse: OAuth connections that can be refreshed, ordered by expiry across tenants, so
   * the oauth-refresh job asks for "expiring before T" with one Query.
   */
  oauthRefreshIndex: (expiresAt: string, tenantId: string, connectionId: string) => ({
    gsi2pk: OAUTH_REFRESH_JOB,
    gsi2sk: `${expiresAt}#${tenantId}#${connectionId}`,
  }),
  oauthRefreshQueue: () => ({ gsi2pk: OAUTH_REFRESH_JOB }),
  /** A server's registrations, one per issuer (the issuer comes last in the key, so whatever it spells stays inside it). */
  oauthClient: (tenantId: string, serverId: string, issuer: string): ItemKey => ({
    pk: tenantPartition(tenantId, "SERVERS"),
    sk: `OAUTHCLIENT#${serverId}#${issuer}`,
  }),
  /** Where a server's one registration lived before registrations were kept per issuer. */
  legacyOAuthClient: (tenantId: string, serverId: string): ItemKey => ({
    pk: tenantPartition(tenantId, "SERVERS"),
    sk: `OAUTHCLIENT#${serverId}`,
  }),
  /** Both of the above: the prefix matches the legacy key and every issuer's. */
  oauthClientsOfServer: (tenantId: string, serverId: string) => ({
    pk: tenantPartition(tenantId, "SERVERS"),
    skPrefix: `OAUTHCLIENT#${serverId}`,
  }),
  oauthState: (tenantId: string, stateId: string): ItemKey => ({ pk: tenantPartition(tenantId, `OAUTHSTATE#${stateId}`), sk: "STATE" }),
  /** The platform's identity-token keys: the one partition outside every tenant's (no tenant id can spell it). */
  signingKey: (kid: string): ItemKey => ({ pk: "PLATFORM#SIGNING_KEYS", sk: `KEY#${kid}` }),
  /** Runs of the platform's scheduled jobs, one item per job and scheduled time (outside every tenant's partitions). */
  jobRun: (job: string, scheduledTime: string): ItemKey => ({ pk: "PLATFORM#JOB_RUNS", sk: `${job}#${scheduledTime}` }),
  signingKeys: () => ({ pk: "PLATFORM#SIGNING_KEYS", skPrefix: "KEY#" }),
  embeddedChat: (tenantId: string, chatId: string): ItemKey => ({ pk: tenantPartition(tenantId, "EMBEDDED_CHATS"), sk: `CHAT#${chatId}` }),
  embeddedChats: (tenantId: string) => ({ pk: tenantPartition(tenantId, "EMBEDDED_CHATS"), skPrefix: "CHAT#" }),
  /** gsi1: a server's connections, for admin listings and for deleting them with the server. */
  connectionsOfServerIndex: (tenantId: string, serverId: string, scope?: string, subject?: string) => ({
    gsi1pk: tenantPartition(tenantId, `${SERVER_PREFIX}${serverId}#${CONNECTIONS_OF}`),
    gsi1sk: scope === undefined ? "" : `${scope}#${subject}`,
  }),
};

/** Attributes that belong to the table, not to the record they index. */
export const KEY_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk", "leaseOwner", "leaseUntil"] as const;
