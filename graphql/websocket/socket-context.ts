import { randomUUID } from "node:crypto";
import type { ExecutionResult, GraphQLError } from "graphql";
import { actAs } from "../../domain/access/actor.js";
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

/** Errors as clients may see them: the same masking as over HTTP (expected ones keep their code, the rest say nothing). */
export function maskedErrors(logger: Logger, errors: readonly unknown[]): GraphQLError[] {
  const mask = createErrorMasker(logger);
  return errors.map((error) => mask(error) as GraphQLError);
}

export function maskedResult(logger: Logger, result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: maskedErrors(logger, result.errors) } : result;
}
