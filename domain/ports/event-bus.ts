/**
 * Publish/subscribe between whoever changes a tool call and whoever watches it. The domain
 * names topics and publishes plain records; transports (in-memory locally, API Gateway
 * WebSocket on AWS) are adapters. Subscribers filter every event again before sending it.
 */
export interface EventBus {
  publish(topic: string, event: unknown): Promise<void>;
  subscribe(topic: string, signal?: AbortSignal): AsyncIterable<unknown>;
}

export const topics = {
  approvals: (tenantId: string, userId: string) => `approvals/${tenantId}/${userId}`,
  toolCall: (tenantId: string, callId: string) => `tool-call/${tenantId}/${callId}`,
};
