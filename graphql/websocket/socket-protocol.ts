import { type DocumentNode, getOperationAST, GraphQLError, Kind, OperationTypeNode, parse, validate } from "graphql";
import { CloseCode, type Message, MessageType, parseMessage, type SubscribeMessage } from "graphql-ws/client";
import type { Authenticate } from "../../domain/ports/authenticator.js";
import { type Caller, TOKEN_EXPIRED, tokenExpired } from "../../domain/shared/caller.js";
import { limitedValidationRules, OPERATION_LIMITS } from "../limits.js";
import { schema } from "../schema.js";
import { closeSocket, maskedErrors, type SocketDeps, socketContext } from "./socket-context.js";
import { authorizationOf } from "./connection-params.js";
import { startSubscription } from "./subscription-runs.js";

/**
 * The graphql-transport-ws protocol over API Gateway WebSocket, one message per invocation:
 * all state lives in the subscription store, so any instance can handle any message. API
 * Gateway cannot send close codes, so where the protocol closes with one (4400, 4401, 4403,
 * 4409, 4429) the connection is closed and the code is logged. A connection whose token has
 * expired is closed (4401) at its next message: API Gateway has no timer to close it at exp.
 */
export class SocketProtocol {
  constructor(private readonly deps: SocketDeps & { authenticate: Authenticate }) {}

  async message(connectionId: string, body: string): Promise<void> {
    let message: Message;
    try {
      message = parseMessage(body);
    } catch (error) {
      return this.close(connectionId, CloseCode.BadRequest, (error as Error).message);
    }
    if (message.type === MessageType.ConnectionInit) return this.init(connectionId, message.payload);
    const caller = (await this.deps.store.connection(connectionId))?.caller ?? null;
    if (caller && tokenExpired(caller, this.deps.clock.now())) return this.close(connectionId, CloseCode.Unauthorized, TOKEN_EXPIRED);
    switch (message.type) {
      case MessageType.Ping:
        return this.post(connectionId, { type: MessageType.Pong });
      case MessageType.Subscribe:
        return this.subscribe(connectionId, caller, message);
      case MessageType.Complete:
        return this.deps.store.remove(connectionId, message.id);
      case MessageType.Pong:
        return;
      default:
        return this.close(connectionId, CloseCode.BadRequest, `Unexpected message of type ${message.type} received`);
    }
  }

  private async init(connectionId: string, params: Record<string, unknown> | null | undefined) {
    const connection = await this.deps.store.connection(connectionId);
    if (!connection) return this.close(connectionId, CloseCode.Forbidden, "Unknown connection");
    if (connection.caller) return this.close(connectionId, CloseCode.TooManyInitialisationRequests, "Too many initialisation requests");
    let caller: Caller;
    try {
      // The subscription runs later as this caller; what an embedded chat vouched for is for upstream calls only and is not stored.
      const { embedded: _notStored, ...proven } = await this.deps.authenticate(authorizationOf(params));
      caller = proven;
    } catch {
      return this.close(connectionId, CloseCode.Forbidden, "Forbidden");
    }
    if (!(await this.deps.store.authenticate(connectionId, caller)))
      return this.close(connectionId, CloseCode.TooManyInitialisationRequests, "Too many initialisation requests");
    await this.post(connectionId, { type: MessageType.ConnectionAck });
  }

  private async subscribe(connectionId: string, caller: Caller | null, { id, payload }: SubscribeMessage) {
    if (!caller) return this.close(connectionId, CloseCode.Unauthorized, "Unauthorized");
    const checked = checkDocument(payload.query);
    if (checked instanceof Array) return this.post(connectionId, { id, type: MessageType.Error, payload: checked });
    const variables = payload.variables ?? null;
    const operationName = payload.operationName ?? null;
    const context = socketContext(this.deps, caller, connectionId);
    const started = await startSubscription({ document: checked, variables, operationName, context });
    if ("errors" in started)
      return this.post(connectionId, { id, type: MessageType.Error, payload: maskedErrors(context.logger, started.errors) });
    const stored = { connectionId, id, topic: started.topic, caller, query: payload.query, variables, operationName };
    if (!(await this.deps.store.add(stored)))
      return this.close(connectionId, CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
  }

  private async post(connectionId: string, message: object) {
    if ((await this.deps.sockets.post(connectionId, message)) === "gone") await this.deps.store.disconnect(connectionId);
  }

  private async close(connectionId: string, code: number, reason: string) {
    await closeSocket(this.deps, connectionId, code, reason);
  }
}

/** A document within the limits HTTP applies, valid against the schema, whose operation is a subscription; else its errors. */
function checkDocument(query: string): DocumentNode | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: OPERATION_LIMITS.maxTokens.n });
    // Some limit rules throw their refusal rather than report it.
    const errors = validate(schema, document, limitedValidationRules);
    if (errors.length > 0) return [...errors];
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError("Invalid document")];
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || getOperationAST(document)?.operation !== OperationTypeNode.SUBSCRIPTION)
    return [new GraphQLError("Send one subscription per message here; queries and mutations go to the GraphQL URL over HTTP")];
  return document;
}
