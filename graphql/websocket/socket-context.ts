import { randomUUID } from "node:crypto";
import type { ExecutionResult, GraphQLError } from "graphql";
import { actAs } from "../../domain/access/actor.js";
import type { Clock } from "../../domain/ports/clock.js";
import type { Logger } from "../../domain/ports/logger.js";
import type { SocketConnections } from "../../domain/ports/socket-connections.js";
import type { SubscriptionStore } from "../../domain/ports/subscription-store.js";
import type { Caller } from "../../domain/shared/caller.js";
import type { GraphQLContext, Services } from "../context.js";
import { createErrorMasker } from "../errors.js";

/** What GraphQL over API Gateway WebSocket works with, in whichever function runs it. */
export interface SocketDeps {
  store: SubscriptionStore;
  sockets: SocketConnections;
  services: Services;
  logger: Logger;
  /** What a stored caller's token expiry is compared with. */
  clock: Clock;
}

/** The context a stored subscription runs in: its caller's, as an HTTP request of theirs would have. */
export function socketContext({ services, logger }: SocketDeps, caller: Caller, connectionId: string): GraphQLContext {
  const requestId = randomUUID();
  return {
    caller,
    actor: actAs(caller),
    services,
    requestId,
    logger: logger.child({ requestId, connectionId, tenant: caller.tenantId, caller: caller.userId }),
  };
}

/**
 * Closes a connection where graphql-transport-ws closes with `code`: API Gateway cannot send
 * close codes, so the code is logged; the connection is forgotten with all its subscriptions.
 */
export async function closeSocket({ sockets, store, logger }: SocketDeps, connectionId: string, code: number, reason: string) {
  logger.info("websocket closed by protocol", { connectionId, code, reason });
  await sockets.close(connectionId);
  await store.disconnect(connectionId);
}

/** Errors as clients may see them: the same masking as over HTTP (expected ones keep their code, the rest say nothing). */
export function maskedErrors(logger: Logger, errors: readonly unknown[]): GraphQLError[] {
  const mask = createErrorMasker(logger);
  return errors.map((error) => mask(error) as GraphQLError);
}

export function maskedResult(logger: Logger, result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: maskedErrors(logger, result.errors) } : result;
}
