import type { Caller } from "../shared/caller.js";

/** A WebSocket connection (API Gateway), and who it proved to be at `connection_init`. */
export interface SocketConnection {
  readonly connectionId: string;
  /** Set once `connection_init` authenticated it; until then the connection may only init or ping. */
  readonly caller: Caller | null;
  readonly connectedAt: string;
}

/** One GraphQL subscription of one connection: its document, and the topic whose events it hears. */
export interface StoredSubscription {
  readonly connectionId: string;
  /** The client's id of the operation (graphql-transport-ws). */
  readonly id: string;
  readonly topic: string;
  readonly caller: Caller;
  readonly query: string;
  readonly variables: Record<string, unknown> | null;
  readonly operationName: string | null;
}

/**
 * Connections and subscriptions for GraphQL over API Gateway WebSocket: found by topic when an
 * event is published (any process), and by connection when it closes. Entries expire with the
 * connection's longest life (2 hours).
 */
export interface SubscriptionStore {
  connect(connectionId: string, connectedAt: string): Promise<void>;
  connection(connectionId: string): Promise<SocketConnection | undefined>;
  /** Records who the connection proved to be; false when it was already initialised (a second init). */
  authenticate(connectionId: string, caller: Caller): Promise<boolean>;
  /** Stores a subscription; false when the connection already has one with that id. */
  add(subscription: StoredSubscription): Promise<boolean>;
  remove(connectionId: string, id: string): Promise<void>;
  forTopic(tenantId: string, topic: string): Promise<StoredSubscription[]>;
  /** Whether anyone listens to the topic (reads at most one key, whatever the number of subscribers). */
  hasSubscribers(tenantId: string, topic: string): Promise<boolean>;
  /** Forgets a connection and every subscription it had. */
  disconnect(connectionId: string): Promise<void>;
}
