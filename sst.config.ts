/// <reference path="./.sst/platform/config.d.ts" />

/**
 * AWS infrastructure: one table, one KMS key, the GraphQL function. `run()` only wires
 * resources; all behaviour lives in functions/ (handlers) and below.
 * Type-checked offline by `npm run check:infra`.
 */
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
    const table = new sst.aws.Dynamo("Table", {
      fields: { pk: "string", sk: "string", gsi1pk: "string", gsi1sk: "string", gsi2pk: "string", gsi2sk: "string" },
      primaryIndex: { hashKey: "pk", rangeKey: "sk" },
      globalIndexes: { gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" }, gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk" } },
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

    const authEnvironment = {
      AUTH_JWKS_URL: process.env.AUTH_JWKS_URL ?? "",
      AUTH_ISSUER: process.env.AUTH_ISSUER ?? "",
      AUTH_AUDIENCE: process.env.AUTH_AUDIENCE ?? "",
      GRAPHIQL: process.env.GRAPHIQL ?? "false",
      INTROSPECTION: process.env.INTROSPECTION ?? "false",
      SECRETS: "kms",
      // Tool search by a cloud model (optional): TOOL_SEARCH_EMBEDDINGS=bedrock at deploy time.
      TOOL_SEARCH_EMBEDDINGS: process.env.TOOL_SEARCH_EMBEDDINGS ?? "none",
      BEDROCK_EMBEDDING_MODEL: process.env.BEDROCK_EMBEDDING_MODEL ?? "amazon.titan-embed-text-v2:0",
      // The embedded ranker's language resources, copied beside the bundle (copyFiles below).
      SEARCH_RESOURCES_DIR: "search-resources",
    };
    const bedrock =
      authEnvironment.TOOL_SEARCH_EMBEDDINGS === "bedrock"
        ? [
            {
              actions: ["bedrock:InvokeModel"],
              resources: [`arn:aws:bedrock:*::foundation-model/${authEnvironment.BEDROCK_EMBEDDING_MODEL}`],
            },
          ]
        : [];

    // Every function: Node 22 on ARM, linked to the table and the key (and, with Bedrock search, the model only).
    const runtime = {
      runtime: "nodejs22.x" as const,
      architecture: "arm64" as const,
      link: [table, secretsKey],
      permissions: bedrock,
      copyFiles: [{ from: "adapters/search/resources", to: "search-resources" }],
    };

    // What the world fetches from this deployment: the identity tokens' JWKS and the OAuth redirect URI.
    // Its URL is PUBLIC_URL for every function (they derive the redirect URI and the JWKS URL from it).
    const publicEndpoints = new sst.aws.Function("Public", {
      ...runtime,
      environment: authEnvironment,
      handler: "functions/public.handler",
      url: true,
    });
    const environment = { ...authEnvironment, PUBLIC_URL: publicEndpoints.url };

    const graphql = new sst.aws.Function("GraphQL", {
      ...runtime,
      environment,
      handler: "functions/graphql.handler",
      memory: "1024 MB",
      timeout: "30 seconds",
      url: true,
    });

    // The MCP endpoint for agents (/mcp, /mcp/servers/<slug>): its timeout outlasts MCP_APPROVAL_WAIT (60 s by default).
    const mcp = new sst.aws.Function("Mcp", {
      ...runtime,
      environment,
      handler: "functions/mcp.handler",
      memory: "1024 MB",
      timeout: "90 seconds",
      url: true,
    });

    new sst.aws.CronV2("RefreshTools", {
      schedule: "rate(15 minutes)",
      function: { ...runtime, environment, handler: "functions/jobs/refresh-tools.handler", memory: "512 MB", timeout: "5 minutes" },
    });

    new sst.aws.CronV2("OAuthRefresh", {
      schedule: "rate(5 minutes)",
      function: { ...runtime, environment, handler: "functions/jobs/oauth-refresh.handler", memory: "512 MB", timeout: "5 minutes" },
    });

    return { graphqlUrl: graphql.url, mcpUrl: $interpolate`${mcp.url}mcp`, table: table.name };
  },
});
