import { createServer } from "node:http";
import { resolve } from "node:path";
import { createJsonLogger } from "../../adapters/logging/json-logger.js";
import { PUBLIC_PATHS } from "../http/public-paths.js";
import { publicRoute } from "../http/public-routes.js";
import { serveFetch } from "../http/serve-fetch.js";
import { isMcpPath } from "../http/mcp-paths.js";
import { loadConfig, outboundFromConfig } from "../config.js";
import { replaceAwsSdkNodeBanner } from "./aws-sdk-node-notice.js";
import { composeLocal } from "./compose-local.js";
import { lockDataDir } from "./data-dir-lock.js";
import { DEMO_MCP_PATH, handleDemoMcp } from "./demo-mcp-server.js";
import { seedDemo } from "./demo-seed.js";
import { exitWithFix } from "./fixable-error.js";
import { serveGraphQLOverWebSocket } from "./graphql-ws.js";
import { listen } from "./listen.js";
import { every, parseEvery } from "./schedule.js";

/** `npm start`: the service on loopback with embedded stand-ins, until Ctrl-C or SIGTERM. A failure a person can fix is one line. */
const sdkNotice = replaceAwsSdkNodeBanner();
if (sdkNotice) process.stderr.write(`${sdkNotice}\n`);
const config = loadConfig();
const dataDir = resolve(config.DATA_DIR);
const logger = createJsonLogger({ level: config.LOG_LEVEL });
const refreshToolsEvery = parseEvery(config.REFRESH_TOOLS_SCHEDULE);
const refreshOAuthEvery = parseEvery(config.OAUTH_REFRESH_SCHEDULE);

// Listen first: the OAuth redirect URI and the demo server's URL need the real port (PORT=0 picks one).
const started: { local?: Awaited<ReturnType<typeof composeLocal>> } = {};
const server = createServer((request, response) => {
  const { local } = started;
  if (!local) return void response.writeHead(503, { "retry-after": "1" }).end("starting");
  if (request.url?.startsWith(DEMO_MCP_PATH)) return void handleDemoMcp(request, response);
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (Object.values(PUBLIC_PATHS).includes(path as never)) {
    return void serveFetch(request, response, (fetchRequest) => publicRoute(local)(fetchRequest)!);
  }
  if (isMcpPath(path)) {
    return void serveFetch(
      request,
      response,
      async (fetchRequest) => (await local.mcpEndpoint(fetchRequest)) ?? new Response(null, { status: 404 }),
    );
  }
  return void local.yoga(request, response);
});
const releaseDataDir = await lockDataDir(dataDir).catch(exitWithFix);
const port = await listen(server, config.PORT, config.HOST).catch(exitWithFix);
const baseUrl = `http://${config.HOST}:${port}`;
const local = (started.local = await composeLocal(config, logger, baseUrl).catch(exitWithFix));
const subscriptions = serveGraphQLOverWebSocket(server, local.yoga, local.authenticate);
const { allowLoopback } = outboundFromConfig(config, { loopbackByDefault: true });
const demoSeed = await seedDemo(local.services, { dataDir, baseUrl, allowLoopback }, logger);
const stopRefreshingTools = every(refreshToolsEvery, "refresh-tools", () => local.refreshJob(), logger);
const stopRefreshingTokens = every(refreshOAuthEvery, "oauth-refresh", () => local.oauthRefresher.refreshExpiring(), logger);

const token = await local.signingKey.sign({ tenant: "demo", sub: "admin", roles: ["admin"] });
console.log(`
MCP connector control plane is running.
  GraphiQL:      ${baseUrl}/graphql
  MCP endpoint:  ${baseUrl}/mcp (and ${baseUrl}/mcp/servers/<slug>), same bearer token
  Demo MCP:      ${baseUrl}${DEMO_MCP_PATH} (${demoSeed === "LOOPBACK_FORBIDDEN" ? "not registered: OUTBOUND_ALLOW_LOOPBACK=false forbids reaching loopback" : 'registered in tenant "demo" as "Demo Orders"'})
  Admin token (tenant "demo", 12 hours):
${token}

Open GraphiQL signed in as that admin (the token rides in the URL's fragment, which the browser never sends):
  ${baseUrl}/graphql#token=${token}
or paste it in GraphiQL under Headers as {"Authorization": "Bearer <token>"}; more tokens: npm run -s token -- --help
`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  stopRefreshingTools();
  stopRefreshingTokens();
  await subscriptions.close();
  server.closeAllConnections();
  await new Promise<void>((closed) => server.close(() => closed()));
  // A background check still writing would find the data dir closed under it.
  await local.checks.settled();
  await local.close();
  releaseDataDir();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
