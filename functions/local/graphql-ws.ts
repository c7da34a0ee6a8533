import type { Server } from "node:http";
import type { ExecutionArgs, GraphQLSchema, parse, validate } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { YogaServerInstance } from "graphql-yoga";
import { type WebSocket, WebSocketServer } from "ws";
import type { Authenticate } from "../../domain/ports/authenticator.js";
import { type Clock, systemClock } from "../../domain/ports/clock.js";
import { type Caller, TOKEN_EXPIRED, tokenExpired } from "../../domain/shared/caller.js";
import type { GraphQLContext } from "../../graphql/context.js";
import { whenTokenExpires } from "../../graphql/token-expiry.js";
import { authorizationOf } from "../../graphql/websocket/connection-params.js";

/** The parts of yoga's envelop a subscription needs (envelop types them loosely). */
interface Envelope {
  schema: GraphQLSchema;
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
  contextFactory: () => unknown;
  parse: typeof parse;
  validate: typeof validate;
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws) on the local server, through yoga's own
 * envelop (the recipe yoga documents), so every plugin - error masking, limits - applies.
 * A connection with a bad token is closed with 4403 before any operation; one whose token
 * expires is closed with 4401 then, and sends nothing past it (yoga's envelop ends each
 * subscription with an error at expiry, which this close keeps from being sent).
 */
export function serveGraphQLOverWebSocket(
  server: Server,
  yoga: YogaServerInstance<object, GraphQLContext>,
  authenticate: Authenticate,
  clock: Clock = systemClock,
) {
  const sockets = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const closeExpired = (socket: WebSocket) => socket.close(CloseCode.Unauthorized, TOKEN_EXPIRED);
  const disposable = useServer<Record<string, unknown> | undefined, { caller: Caller }>(
    {
      onConnect: async ({ connectionParams, extra }) => {
        const caller = await authenticate(authorizationOf(connectionParams)).catch(() => undefined);
        if (!caller) return false;
        extra.caller = caller;
        extra.socket.once(
          "close",
          whenTokenExpires(caller, clock, () => closeExpired(extra.socket)),
        );
        return true;
      },
      // Before the result is sent: graphql-ws sends nothing on a closing socket.
      onNext: ({ extra }) => {
        if (!extra.caller || tokenExpired(extra.caller, clock.now())) closeExpired(extra.socket);
      },
      execute: (args) => (args.rootValue as { execute: (args: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args) => (args.rootValue as { subscribe: (args: ExecutionArgs) => unknown }).subscribe(args) as never,
      onSubscribe: async (context, _id, payload) => {
        const abort = new AbortController();
        context.extra.socket.once("close", () => abort.abort());
        const request = { headers: new Headers({ authorization: authorizationOf(context.connectionParams) ?? "" }), signal: abort.signal };
        const envelope = yoga.getEnveloped({ ...context, request, params: payload }) as Envelope;
        const { schema, execute, subscribe, contextFactory, parse, validate } = envelope;
        const document = parse(payload.query);
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    sockets,
  );
  return {
    close: async () => {
      await disposable.dispose();
      sockets.close();
    },
  };
}
