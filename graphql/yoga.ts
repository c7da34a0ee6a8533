import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { actAs } from "../domain/access/actor.js";
import { identify } from "../domain/access/identify.js";
import type { Authenticate } from "../domain/ports/authenticator.js";
import { type Clock, systemClock } from "../domain/ports/clock.js";
import type { Logger } from "../domain/ports/logger.js";
import type { GraphQLContext, Services } from "./context.js";
import { createErrorMasker, loggableError } from "./errors.js";
import { CSRF_HEADER, GRAPHIQL_OPTIONS, withPageScript } from "./graphiql/graphiql-page.js";
import { OPERATION_LIMITS } from "./limits.js";
import { useBodyLimit } from "./plugins/use-body-limit.js";
import { useOperationLog } from "./plugins/use-operation-log.js";
import { useRegistryApi } from "./plugins/use-registry-api.js";
import { useTokenExpiry } from "./plugins/use-token-expiry.js";
import { schema } from "./schema.js";

export interface GraphQLServerOptions {
  services: Services;
  authenticate: Authenticate;
  logger: Logger;
  graphiql: boolean;
  introspection: boolean;
  maxBodyBytes: number;
  /** Web origins whose pages may call the API from a browser (CORS_ORIGINS); none: no CORS headers, so browsers allow only same-origin pages. */
  corsOrigins?: readonly string[];
  /** Serves GraphiQL's assets from the package instead of a CDN (the local server passes one). */
  renderGraphiQL?: (options?: object) => string;
  /** What subscriptions compare their token's expiry with. */
  clock?: Clock;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A pure yoga factory: no sockets, no AWS types. Tests call `yoga.fetch(...)` directly. */
export function createGraphQLServer(options: GraphQLServerOptions): YogaServerInstance<object, GraphQLContext> {
  const {
    services,
    authenticate,
    logger,
    graphiql,
    introspection,
    maxBodyBytes,
    renderGraphiQL,
    corsOrigins = [],
    clock = systemClock,
  } = options;
  return createYoga<object, GraphQLContext>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    batching: false,
    // Yoga's default answers any origin; only configured ones here.
    cors: corsOrigins.length > 0 ? { origin: [...corsOrigins], credentials: false } : false,
    graphiql: graphiql ? GRAPHIQL_OPTIONS : false,
    renderGraphiQL: withPageScript(renderGraphiQL),
    maskedErrors: { maskError: createErrorMasker(logger), isDev: false },
    logging: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...args: unknown[]) => logger.warn("graphql-yoga", loggableError(args[0])),
      error: (...args: unknown[]) => logger.error("graphql-yoga", loggableError(args[0])),
    },
    context: async ({ request }) => {
      const header = request.headers.get("x-request-id");
      const requestId = header && REQUEST_ID.test(header) ? header : globalThis.crypto.randomUUID();
      const credentials = { authorization: request.headers.get("authorization"), embeddedToken: request.headers.get("x-embedded-token") };
      const caller = await identify(credentials, authenticate, services.embeddedTokens);
      const requestLogger = logger.child({ requestId, tenant: caller.tenantId, caller: caller.userId });
      return { caller, actor: actAs(caller), services, requestId, logger: requestLogger, signal: request.signal };
    },
    plugins: [
      // First: a registry client's plain GET is not a GraphQL request, so CSRF and body rules do not apply to it.
      useRegistryApi({ services, authenticate, logger }),
      useBodyLimit(maxBodyBytes),
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER, "apollo-require-preflight"] }),
      EnvelopArmorPlugin({ ...OPERATION_LIMITS, blockFieldSuggestion: { enabled: !introspection } }),
      ...(introspection ? [] : [useDisableIntrospection()]),
      useOperationLog(),
      useTokenExpiry(clock),
    ],
  });
}
