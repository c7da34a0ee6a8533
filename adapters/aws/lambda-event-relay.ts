import type { SubscriptionStore } from "../../domain/ports/subscription-store.js";
import { tenantOfTopic } from "../../domain/ports/event-bus.js";
import type { EventRelay } from "../events/relaying-bus.js";

/** What the delivering function receives: one published event. */
export interface RelayedEvent {
  topic: string;
  event: unknown;
}

export interface LambdaRelayOptions {
  /** The function that runs GraphQL and posts to WebSocket connections. */
  functionName: string;
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * For functions that carry no GraphQL (the MCP endpoint, the jobs): an event whose topic has
 * WebSocket subscribers is handed to the delivering function, invoked asynchronously (one
 * Query for one key to find out; nothing is invoked for a topic nobody watches).
 */
export function lambdaEventRelay(store: Pick<SubscriptionStore, "hasSubscribers">, options: LambdaRelayOptions): EventRelay {
  const { functionName, ...client } = options;
  // Loaded when an event first has subscribers: most invocations of these functions never relay one.
  let invoker: Promise<(payload: RelayedEvent) => Promise<unknown>> | undefined;
  const load = async () => {
    const { InvokeCommand, LambdaClient } = await import("@aws-sdk/client-lambda");
    const lambda = new LambdaClient(client);
    return (payload: RelayedEvent) =>
      lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: "Event", Payload: JSON.stringify(payload) }));
  };
  return async (topic, event) => {
    if (!(await store.hasSubscribers(tenantOfTopic(topic), topic))) return;
    await (
      await (invoker ??= load())
    )({ topic, event });
  };
}
