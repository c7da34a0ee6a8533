/**
 * Publish/subscribe between whoever changes a tool call and whoever watches it. The domain
 * names topics and publishes plain records; transports (in-memory locally, API Gateway
 * WebSocket on AWS) are adapters. Every event passes the subscriber's `select` before it is
 * delivered, so a bus that mixed topics up would still hand nothing to the wrong subscriber.
 */
export interface EventBus {
  publish(topic: string, event: unknown): Promise<void>;
  /**
   * The topic's events from now on, each turned by `select` into what the subscriber receives
   * (undefined: not for this subscriber). Ends when `signal` aborts or the consumer stops.
   */
  subscribe<T>(topic: string, select: (event: unknown) => T | undefined, signal?: AbortSignal): AsyncIterable<T>;
}

export const topics = {
  approvals: (tenantId: string, userId: string) => `approvals/${tenantId}/${userId}`,
  toolCall: (tenantId: string, callId: string) => `tool-call/${tenantId}/${callId}`,
  catalog: (tenantId: string) => `catalog/${tenantId}`,
};

/** The tenant a topic belongs to: every topic names it second (`approvals/<tenant>/<user>`). */
export const tenantOfTopic = (topic: string): string => topic.split("/")[1] ?? "";
