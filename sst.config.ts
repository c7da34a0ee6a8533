/// <reference path="./.sst/platform/config.d.ts" />

/**
 * AWS infrastructure: one table, one KMS key, the GraphQL, MCP and Public functions (Function
 * URLs), the WebSocket API with its routes, the Deliver and CheckServer functions and two CronV2 jobs. `run()` only
 * wires resources; every function gets the links and permissions its handler uses, nothing more.
 * Type-checked offline by `npm run check:infra`.
 */

/** The service's settings (functions/config.ts) taken from the deploying shell where set; local-only ones stay out. */
const SETTINGS = `
  AUTH_JWKS_URL AUTH_ISSUER AUTH_AUDIENCE GRAPHIQL INTROSPECTION LOG_LEVEL CORS_ORIGINS MAX_BODY_BYTES
  OUTBOUND_ALLOW_CIDRS MCP_REQUEST_TIMEOUT_MS INTERRUPTED_CALL_MARGIN MCP_APPROVAL_WAIT MCP_AUTHORIZATION_SERVER APPROVAL_TTL
  OAUTH_CALLBACK_URL OAUTH_RETURN_ORIGINS EMBEDDED_KEY_GRACE IDENTITY_TOKEN_TTL IDENTITY_KEY_ROTATION
  TOOL_SEARCH_EMBEDDINGS BEDROCK_EMBEDDING_MODEL BEDROCK_EMBEDDING_DIMENSIONS CONFIG_CACHE_STALENESS LIVE_TOOLS_BUDGET
  MAX_ARGUMENT_BYTES MAX_ARGUMENT_DEPTH MAX_RESULT_BYTES TOOL_DESCRIPTION_MAX_BYTES TOOL_SCHEMA_MAX_BYTES
`
  .split(/\s+/)
  .filter(Boolean);

const fromShell = (names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));

/** Seconds in a duration as functions/durations.ts reads it ("60s", "2m"). */
function seconds(text: string): number {
  const match = /^(\d+)([smh])$/.exec(text.trim());
  if (!match) throw new Error(`Invalid duration "${text}": use a number with s, m or h`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as "s" | "m" | "h"];
}

/** A CronV2 schedule: an AWS rate or cron expression from the shell (REFRESH_TOOLS_SCHEDULE and the like are the local server's). */
function schedule(variable: string, fallback: `rate(${string})`) {
  const value = process.env[variable] ?? fallback;
  if (!/^(rate|cron)\(.+\)$/.test(value)) throw new Error(`${variable}: use rate(...) or cron(...), not "${value}"`);
  return value as `rate(${string})` | `cron(${string})`;
}

export default $config({
  app(input) {
    return {
      name: "mcp-control-plane",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
      home: "aws",
    };
  },
  async run() {
    // Linking the table grants item reads and writes on it and its indexes, never table administration (SST's own link is dynamodb:*).
    sst.Linkable.wrap(sst.aws.Dynamo, (table) => ({
      properties: { name: table.name },
      include: [
        sst.aws.permission({
          actions: [
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:Query",
            "dynamodb:BatchWriteItem",
          ],
          resources: [table.arn, $interpolate`${table.arn}/index/*`],
        }),
      ],
    }));
    const table = new sst.aws.Dynamo("Table", {
      fields: {
        pk: "string",
        sk: "string",
        gsi1pk: "string",
        gsi1sk: "string",
        gsi2pk: "string",
        gsi2sk: "string",
        gsi3pk: "string",
        gsi3sk: "string",
      },
      primaryIndex: { hashKey: "pk", rangeKey: "sk" },
      globalIndexes: {
        gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
        gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk" },
        gsi3: { hashKey: "gsi3pk", rangeKey: "gsi3sk" },
      },
      ttl: "expiresAt",
    });

    const key = new aws.kms.Key("SecretsKmsKey", {
      description: "Envelope encryption of MCP connector credentials",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
    // Linked functions may only encrypt, decrypt and generate data keys: no key administration.
    const secretsKey = new sst.Linkable("SecretsKey", {
      properties: { id: key.keyId, arn: key.arn },
      include: [sst.aws.permission({ actions: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], resources: [key.arn] })],
    });

    // GraphQL subscriptions. Linking it grants execute-api:ManageConnections on its connections only
    // (with `url` and `managementEndpoint`): only the functions that post to sockets link it.
    const socket = new sst.aws.ApiGatewayWebSocket("Socket");

    // Functions without GraphQL relay events by invoking Deliver asynchronously. Deliver needs PUBLIC_URL,
    // the Public function relays, so linking the Function itself would be a cycle: the link names its fixed
    // function name and grants lambda:InvokeFunction on that one function.
    const deliverName = `${$app.name}-${$app.stage}-Deliver`;
    const [region, account] = [aws.getRegionOutput().region, aws.getCallerIdentityOutput().accountId];
    const deliverArn = $interpolate`arn:aws:lambda:${region}:${account}:function:${deliverName}`;
    const deliver = new sst.Linkable("Deliver", {
      properties: { name: deliverName },
      include: [sst.aws.permission({ actions: ["lambda:InvokeFunction"], resources: [deliverArn] })],
    });

    // Tool search by a cloud model (TOOL_SEARCH_EMBEDDINGS=bedrock): invoking that model only, where tools
    // are searched (GraphQL, MCP) or listed and embedded (GraphQL, MCP, refresh-tools).
    const model = process.env.BEDROCK_EMBEDDING_MODEL ?? "amazon.titan-embed-text-v2:0";
    const bedrock =
      process.env.TOOL_SEARCH_EMBEDDINGS === "bedrock"
        ? [{ actions: ["bedrock:InvokeModel"], resources: [`arn:aws:bedrock:*::foundation-model/${model}`] }]
        : [];
    // The embedded ranker's language resources, beside the bundles of the functions that search.
    const search = { copyFiles: [{ from: "adapters/search/resources", to: "search-resources" }], permissions: bedrock };

    // Every function: Node 22 on ARM, one ESM bundle split so handlers load their outbound stack lazily.
    const lambda = (handler: string, args: Omit<sst.aws.FunctionArgs, "handler">): sst.aws.FunctionArgs => ({
      runtime: "nodejs22.x",
      architecture: "arm64",
      nodejs: {
        format: "esm",
        minify: true,
        splitting: true,
        plugins: "./scripts/esbuild-plugins.mjs",
        // Libraries drop their development-only checks (graphql-js's realm check runs on every field).
        esbuild: { define: { "process.env.NODE_ENV": '"production"' } },
      },
      handler: `functions/${handler}.handler`,
      ...args,
    });
    const settings = fromShell(SETTINGS);

    // The identity JWKS, the OAuth client metadata document and the OAuth callback. Its URL is PUBLIC_URL
    // for every other function; it learns its own from its first request.
    const publicEndpoints = new sst.aws.Function(
      "Public",
      lambda("public", { link: [table, secretsKey, deliver], environment: settings, url: true }),
    );
    const environment = { ...settings, PUBLIC_URL: publicEndpoints.url };
    // GraphQL and MCP answer users and agents over a URL and search tools (the ranker's resources beside them).
    const answering = {
      ...search,
      environment: { ...environment, SEARCH_RESOURCES_DIR: "search-resources" },
      memory: "1024 MB" as const,
      url: true,
    };

    // Checks a server just created or changed, invoked asynchronously by the functions that run mutations
    // (work left running after a response would be frozen with their container). Linking it grants invoking it.
    const checkServer = new sst.aws.Function(
      "CheckServer",
      lambda("jobs/check-server", { link: [table, secretsKey, deliver], environment, permissions: bedrock, timeout: "2 minutes" }),
    );

    // Runs GraphQL and posts to WebSocket connections itself.
    const graphql = new sst.aws.Function(
      "GraphQL",
      lambda("graphql", { ...answering, link: [table, secretsKey, socket, checkServer], timeout: "30 seconds" }),
    );

    // The MCP endpoint for agents (/mcp, /mcp/servers/<slug>). Its answers stream, so 2025-era clients hear
    // progress and approval prompts during a call; 2025-era GET streams answer 405 (one held open bills the function).
    // The timeout outlasts MCP_APPROVAL_WAIT (60 s by default).
    const mcp = new sst.aws.Function(
      "Mcp",
      lambda("mcp", {
        ...answering,
        link: [table, secretsKey, deliver],
        timeout: `${Math.max(90, seconds(process.env.MCP_APPROVAL_WAIT ?? "60s") + 30)} seconds`,
        streaming: true,
      }),
    );

    // $connect and $disconnect only record and forget connections; $default runs GraphQL and answers on the socket.
    socket.route("$connect", lambda("ws/connect", { link: [table] }));
    socket.route("$disconnect", lambda("ws/disconnect", { link: [table] }));
    socket.route("$default", lambda("ws/message", { link: [table, secretsKey, socket, checkServer], environment }));

    // Invoked asynchronously (no URL) with events from the functions that relay them; posts to their subscribers.
    new sst.aws.Function(
      "Delivery",
      lambda("ws/deliver", { name: deliverName, link: [table, secretsKey, socket, checkServer], environment, timeout: "60 seconds" }),
    );

    // The jobs: reserved concurrency 1, so two runs never overlap.
    const job = (handler: string, args: Omit<sst.aws.FunctionArgs, "handler"> = {}) =>
      lambda(handler, {
        link: [table, secretsKey, deliver],
        environment,
        memory: "512 MB",
        timeout: "5 minutes",
        concurrency: { reserved: 1 },
        ...args,
      });
    // Each delivery names its run (EventBridge Scheduler fills in the time it was scheduled for): a run
    // delivered twice, or retried, executes once (domain/jobs/scheduled-runs.ts).
    const scheduledRun = { scheduledTime: "<aws.scheduler.scheduled-time>" };
    new sst.aws.CronV2("RefreshTools", {
      schedule: schedule("REFRESH_TOOLS_RATE", "rate(15 minutes)"),
      event: scheduledRun,
      function: job("jobs/refresh-tools", {
        permissions: bedrock,
        environment: {
          ...environment,
          REFRESH_TOOLS_CONCURRENCY: process.env.REFRESH_TOOLS_CONCURRENCY ?? "8",
          REFRESH_TOOLS_SERVER_TIMEOUT: process.env.REFRESH_TOOLS_SERVER_TIMEOUT ?? "60s",
        },
      }),
    });
    new sst.aws.CronV2("OAuthRefresh", {
      schedule: schedule("OAUTH_REFRESH_RATE", "rate(5 minutes)"),
      event: scheduledRun,
      function: job("jobs/oauth-refresh"),
    });

    return {
      graphqlUrl: graphql.url,
      graphqlWebSocketUrl: socket.url,
      mcpUrl: $interpolate`${mcp.url}mcp`,
      publicUrl: publicEndpoints.url,
      jwksUrl: $interpolate`${publicEndpoints.url}.well-known/jwks.json`,
      oauthCallbackUrl: $interpolate`${publicEndpoints.url}oauth/callback`,
      table: table.name,
    };
  },
});
