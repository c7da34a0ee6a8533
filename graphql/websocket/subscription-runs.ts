import { type DocumentNode, type ExecutionResult, GraphQLError, subscribe } from "graphql";
import { ToolCallEvents } from "../../domain/calls/tool-call-events.js";
import type { EventBus } from "../../domain/ports/event-bus.js";
import type { GraphQLContext } from "../context.js";
import { schema } from "../schema.js";

/** A bus a subscription resolver subscribes to: it hears which topic, and hands over at most the one event it is given. */
class OneEventBus implements EventBus {
  topic: string | undefined;
  constructor(private readonly event?: { topic: string; payload: unknown }) {}

  async publish(): Promise<void> {}

  subscribe<T>(topic: string, select: (event: unknown) => T | undefined): AsyncIterable<T> {
    this.topic = topic;
    const event = this.event;
    return (async function* () {
      // The resolver's own selection applies: the authorisation filter of its subscription, again, per event.
      const selected = event?.topic === topic ? select(event.payload) : undefined;
      if (selected !== undefined) yield selected;
    })();
  }
}

export interface Run {
  document: DocumentNode;
  variables: Record<string, unknown> | null;
  operationName: string | null;
  context: GraphQLContext;
}

/** The run's context, with the tool-call events on `bus` (everything else as it is). */
function withBus(context: GraphQLContext, bus: EventBus): GraphQLContext {
  return { ...context, services: { ...context.services, toolCallEvents: new ToolCallEvents(bus, context.services.toolCalls) } };
}

async function run(subscription: Run, bus: OneEventBus) {
  return subscribe({
    schema,
    document: subscription.document,
    variableValues: subscription.variables ?? undefined,
    operationName: subscription.operationName ?? undefined,
    contextValue: withBus(subscription.context, bus),
  });
}

/**
 * Starts a subscription the way graphql-js does, without staying to listen: its resolver
 * authorises it and names its topic, which is returned so the subscription can be stored by
 * topic. A refusal comes back as errors.
 */
export async function startSubscription(subscription: Run): Promise<{ topic: string } | { errors: readonly GraphQLError[] }> {
  const bus = new OneEventBus();
  const result = await run(subscription, bus);
  if (!(Symbol.asyncIterator in result)) return { errors: result.errors ?? [new GraphQLError("Not a subscription")] };
  await result.return?.();
  return bus.topic ? { topic: bus.topic } : { errors: [new GraphQLError("The subscription names no topic")] };
}

/**
 * A stored subscription run again for one published event, as graphql-js runs a live one for
 * each: its resolver authorises it again and selects the event, and its document is executed
 * against it. Undefined when the event is not for this subscriber.
 */
export async function deliverEvent(subscription: Run, topic: string, payload: unknown): Promise<ExecutionResult | undefined> {
  const result = await run(subscription, new OneEventBus({ topic, payload }));
  if (!(Symbol.asyncIterator in result)) return result;
  const first = await result.next();
  await result.return?.();
  return first.done ? undefined : first.value;
}
