/**
 * The MCP servers that harvest.ts installs and lists. Each entry records the exact package (pinned),
 * the bin it runs, its arguments and the dummy environment it needs to start and answer tools/list
 * with no network. `{scratch}` in args/env is replaced by the scratch directory (see harvest.ts).
 */
export interface ServerSpec {
  package: string;
  version: string;
  name: string;
  slug: string;
  description: string;
  bin?: string;
  args?: string[];
  env?: Record<string, string>;
}

/** `s("pkg@version", name, slug, description, { bin, args, env })`: one server. */
const s = (
  pkg: string,
  name: string,
  slug: string,
  description: string,
  extra: Pick<ServerSpec, "bin" | "args" | "env"> = {},
): ServerSpec => {
  const at = pkg.lastIndexOf("@");
  return { package: pkg.slice(0, at), version: pkg.slice(at + 1), name, slug, description, ...extra };
};

const DB = "postgresql://user:dummy@127.0.0.1:5432/app";

export const SERVERS: ServerSpec[] = [
  s("@modelcontextprotocol/server-github@2025.4.8", "GitHub", "github", "GitHub: repositories, issues, pull requests and code search", {
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: "dummy" },
  }),
  s("@zereight/mcp-gitlab@2.1.64", "GitLab", "gitlab", "GitLab: projects, merge requests, issues, pipelines and wikis", {
    env: { GITLAB_PERSONAL_ACCESS_TOKEN: "dummy", GITLAB_API_URL: "https://gitlab.example.com/api/v4" },
  }),
  s("@modelcontextprotocol/server-slack@2025.4.25", "Slack", "slack", "Slack workspace messaging: channels, messages, threads and users", {
    env: { SLACK_BOT_TOKEN: "xoxb-dummy", SLACK_TEAM_ID: "T000" },
  }),
  s("mcp-discord@1.3.4", "Discord", "discord", "Discord bot: servers, channels, messages, reactions and webhooks", {
    env: { DISCORD_TOKEN: "dummy" },
  }),
  s("@tacticlaunch/mcp-linear@1.4.3", "Linear", "linear", "Linear issue tracking: issues, projects, cycles and teams", {
    env: { LINEAR_API_TOKEN: "lin_api_dummy" },
  }),
  s("mcp-jira-cloud@4.4.0", "Jira", "jira", "Atlassian Jira Cloud: issues, projects, boards, sprints and worklogs", {
    bin: "mcp-jira-cloud",
    env: { JIRA_BASE_URL: "https://example.atlassian.net", JIRA_EMAIL: "bot@example.com", JIRA_API_TOKEN: "dummy" },
  }),
  s("@answerai/confluence-mcp@1.0.0", "Confluence", "confluence", "Atlassian Confluence wiki: spaces, pages, comments and attachments", {
    bin: "answerai-confluence-mcp",
    env: {
      CONFLUENCE_BASE_URL: "https://example.atlassian.net/wiki",
      CONFLUENCE_USER_EMAIL: "bot@example.com",
      CONFLUENCE_API_TOKEN: "dummy",
    },
  }),
  s("@notionhq/notion-mcp-server@2.5.2", "Notion", "notion", "Notion workspace: pages, databases, blocks and comments", {
    env: { NOTION_TOKEN: "ntn_dummy" },
  }),
  s("@modelcontextprotocol/server-filesystem@2026.8.31", "Filesystem", "filesystem", "Local filesystem access within allowed directories", {
    args: ["{scratch}/files"],
  }),
  s("@cyanheads/git-mcp-server@2.15.3", "Git", "git", "Git version control on local repositories", {
    env: { MCP_TRANSPORT_TYPE: "stdio", MCP_LOG_LEVEL: "error", GIT_BASE_DIR: "{scratch}/files" },
  }),
  s("@modelcontextprotocol/server-memory@2026.8.31", "Memory", "memory", "Knowledge-graph memory: entities, relations and observations", {
    env: { MEMORY_FILE_PATH: "{scratch}/memory.jsonl" },
  }),
  s("@modelcontextprotocol/server-postgres@0.6.2", "PostgreSQL", "postgres", "PostgreSQL database (read-only queries)", { args: [DB] }),
  s("mysql-mcp-server@0.1.4", "MySQL", "mysql", "MySQL database: databases, tables and read-only SQL", {
    env: { MYSQL_HOST: "127.0.0.1", MYSQL_PORT: "3306", MYSQL_USER: "root", MYSQL_PASSWORD: "dummy", MYSQL_DATABASE: "app" },
  }),
  s("mongodb-mcp-server@3.0.4", "MongoDB", "mongodb", "MongoDB databases and MongoDB Atlas clusters", {
    env: { MDB_MCP_CONNECTION_STRING: "mongodb://127.0.0.1:27017/app", MDB_MCP_TELEMETRY: "disabled" },
  }),
  s("@brave/brave-search-mcp-server@2.1.4", "Brave Search", "brave_search", "Brave Search: web, news, images, videos, local", {
    env: { BRAVE_API_KEY: "dummy" },
  }),
  s("tavily-mcp@0.2.22", "Tavily", "tavily", "Tavily web search, extraction, crawling and site mapping for AI agents", {
    env: { TAVILY_API_KEY: "tvly-dummy" },
  }),
  s("exa-mcp-server@3.4.1", "Exa", "exa", "Exa AI search engine: web search, content fetching and research", {
    env: { EXA_API_KEY: "dummy" },
  }),
  s("@perplexity-ai/mcp-server@1.2.1", "Perplexity", "perplexity", "Perplexity AI: web-grounded answers, search and research", {
    env: { PERPLEXITY_API_KEY: "pplx-dummy" },
  }),
  s("firecrawl-mcp@3.26.0", "Firecrawl", "firecrawl", "Firecrawl web scraping, crawling and search", {
    env: { FIRECRAWL_API_KEY: "fc-dummy" },
  }),
  s("mcp-fetch-server@1.1.2", "Fetch", "fetch", "Fetches web content by URL as HTML, Markdown, text or JSON", { bin: "mcp-fetch-server" }),
  s("@upstash/context7-mcp@4.1.1", "Context7", "context7", "Context7: up-to-date documentation and code examples for libraries"),
  s("@modelcontextprotocol/server-google-maps@0.6.2", "Google Maps", "google_maps", "Google Maps Platform: places, geocoding, directions", {
    env: { GOOGLE_MAPS_API_KEY: "dummy" },
  }),
  s("@mapbox/mcp-server@0.14.0", "Mapbox", "mapbox", "Mapbox location services: geocoding, directions, isochrones, static maps", {
    env: { MAPBOX_ACCESS_TOKEN: "pk.eyJ1IjoiZHVtbXkiLCJhIjoiZHVtbXkifQ.dummy" },
  }),
  s("@modelcontextprotocol/server-puppeteer@2025.5.12", "Puppeteer", "puppeteer", "Browser automation with Puppeteer (headless Chrome)", {
    env: { PUPPETEER_SKIP_DOWNLOAD: "1" },
  }),
  s("@playwright/mcp@0.0.83", "Playwright", "playwright", "Browser automation with Playwright through accessibility snapshots"),
  s("@stripe/mcp@0.2.4", "Stripe", "stripe", "Stripe payments: customers, products, prices, invoices, refunds and subscriptions", {
    args: ["--tools=all", "--api-key=sk_test_dummy"],
  }),
  s("@sentry/mcp-server@0.39.0", "Sentry", "sentry", "Sentry error monitoring: issues, events, projects and releases", {
    args: ["--access-token=dummy"],
  }),
  s("@supabase/mcp-server-supabase@0.13.0", "Supabase", "supabase", "Supabase: Postgres projects, migrations, edge functions", {
    args: ["--access-token=sbp_dummy", "--features=account,database,debugging,development,functions,branching,storage"],
  }),
  s("@cloudflare/mcp-server-cloudflare@0.2.0", "Cloudflare", "cloudflare", "Cloudflare: Workers, KV, R2, D1 and DNS", {
    args: ["run", "0123456789abcdef0123456789abcdef"],
    env: { CLOUDFLARE_API_TOKEN: "dummy" },
  }),
  s("mcp-server-kubernetes@4.1.7", "Kubernetes", "kubernetes", "Kubernetes clusters via kubectl and Helm", {
    env: { KUBECONFIG: "{scratch}/kubeconfig" },
  }),
  s("mcp-server-docker@1.0.0", "Docker", "docker", "Docker: run commands in containers"),
  s("@modelcontextprotocol/server-aws-kb-retrieval@0.6.2", "AWS Bedrock KB", "aws_kb", "AWS Bedrock Knowledge Base retrieval (RAG)", {
    env: { AWS_ACCESS_KEY_ID: "dummy", AWS_SECRET_ACCESS_KEY: "dummy", AWS_REGION: "us-east-1" },
  }),
  s("@azure/mcp@2.0.5", "Azure", "azure", "Microsoft Azure resources: storage, Cosmos DB, Key Vault, monitoring and more", {
    args: ["server", "start"],
    env: { AZURE_MCP_COLLECT_TELEMETRY: "false" },
  }),
  s("@tiberriver256/mcp-server-azure-devops@0.1.48", "Azure DevOps", "azure_devops", "Azure DevOps: work items, repos, PRs, pipelines", {
    env: { AZURE_DEVOPS_ORG_URL: "https://dev.azure.com/example", AZURE_DEVOPS_AUTH_METHOD: "pat", AZURE_DEVOPS_PAT: "dummy" },
  }),
  s("airtable-mcp-server@1.14.0", "Airtable", "airtable", "Airtable bases, tables and records", {
    env: { AIRTABLE_API_KEY: "patdummy" },
  }),
  s("@hubspot/mcp-server@0.4.0", "HubSpot", "hubspot", "HubSpot CRM: contacts, companies, deals and engagements", {
    env: { PRIVATE_APP_ACCESS_TOKEN: "pat-dummy" },
  }),
  s("@doist/todoist-mcp@11.0.0", "Todoist", "todoist", "Todoist personal task manager: tasks, projects and sections", {
    env: { TODOIST_API_KEY: "dummy" },
  }),
  s("@roychri/mcp-server-asana@1.8.0", "Asana", "asana", "Asana work management: tasks, projects and workspaces", {
    env: { ASANA_ACCESS_TOKEN: "dummy" },
  }),
  s("@mondaydotcomorg/monday-api-mcp@3.3.0", "monday.com", "monday", "monday.com work boards: items, columns, groups and updates", {
    args: ["-t", "dummy"],
  }),
  s("figma-developer-mcp@0.13.2", "Figma", "figma", "Figma design files: layout data and image exports", {
    args: ["--figma-api-key=dummy", "--stdio"],
  }),
  s("@twilio-alpha/mcp@0.7.0", "Twilio", "twilio", "Twilio communications API: SMS, calls and phone numbers", {
    args: ["AC00000000000000000000000000000000/SK00000000000000000000000000000000:dummy", "--services", "twilio_api_v2010"],
  }),
  s("@elastic/mcp-server-elasticsearch@0.3.1", "Elasticsearch", "elasticsearch", "Elasticsearch indices, mappings and search", {
    env: { ES_URL: "http://127.0.0.1:9200", ES_API_KEY: "dummy" },
  }),
  s("@heroku/mcp-server@1.0.7", "Heroku", "heroku", "Heroku platform: apps, dynos, add-ons, Postgres and pipelines", {
    env: { HEROKU_API_KEY: "dummy" },
  }),
  s("@netlify/mcp@1.15.1", "Netlify", "netlify", "Netlify: sites, deploys, forms, environment variables and extensions", {
    env: { NETLIFY_PERSONAL_ACCESS_TOKEN: "dummy" },
  }),
  s("vercel-mcp@0.0.7", "Vercel", "vercel", "Vercel: deployments, projects, domains and environment variables", {
    args: ["VERCEL_API_KEY=dummy"],
  }),
  s("obsidian-mcp@1.0.6", "Obsidian", "obsidian", "Obsidian vault of Markdown notes with tags", { args: ["{vault}"] }),
  s("@cocal/google-calendar-mcp@2.6.3", "Google Calendar", "google_calendar", "Google Calendar: events, calendars and free/busy", {
    env: { GOOGLE_OAUTH_CREDENTIALS: "{scratch}/gcp-oauth.keys.json" },
  }),
  s("@gongrzhe/server-gmail-autoauth-mcp@1.1.11", "Gmail", "gmail", "Gmail: send, read, search and label email", {
    env: { GMAIL_OAUTH_PATH: "{scratch}/gcp-oauth.keys.json", GMAIL_CREDENTIALS_PATH: "{scratch}/gmail-credentials.json" },
  }),
  s("@modelcontextprotocol/server-gdrive@2025.1.14", "Google Drive", "google_drive", "Google Drive files and folders", {
    env: { GDRIVE_OAUTH_PATH: "{scratch}/gcp-oauth.keys.json", GDRIVE_CREDENTIALS_PATH: "{scratch}/gdrive-credentials.json" },
  }),
  s("@winor30/mcp-server-datadog@1.8.0", "Datadog", "datadog", "Datadog monitoring: logs, metrics, monitors, incidents and dashboards", {
    env: { DATADOG_API_KEY: "dummy", DATADOG_APP_KEY: "dummy" },
  }),
  s("@circleci/mcp-server-circleci@0.20.0", "CircleCI", "circleci", "CircleCI continuous integration: pipelines, builds and test results", {
    env: { CIRCLECI_TOKEN: "dummy" },
  }),
  s("time-mcp@1.0.6", "Time", "time", "Current time, time zones and date arithmetic"),
  s("@delorenj/mcp-server-trello@1.8.1", "Trello", "trello", "Trello boards, lists, cards and checklists", {
    env: { TRELLO_API_KEY: "dummy", TRELLO_TOKEN: "dummy", TRELLO_BOARD_ID: "000000000000000000000000" },
  }),
  s("resend-mcp@2.22.0", "Resend", "resend", "Resend transactional email: send emails, domains, audiences and contacts", {
    env: { RESEND_API_KEY: "re_dummy" },
  }),
  s("@softeria/ms-365-mcp-server@0.155.0", "Microsoft Outlook", "outlook", "Outlook (Microsoft 365): mail, calendar, contacts", {
    args: ["--preset", "outlook"],
    env: { MS365_MCP_CLIENT_ID: "00000000-0000-0000-0000-000000000000" },
  }),
  s("@shortcut/mcp@0.25.0", "Shortcut", "shortcut", "Shortcut project management: stories, epics, iterations and teams", {
    env: { SHORTCUT_API_TOKEN: "dummy" },
  }),
];

/** Tried and left out: why each could not list its tools offline here (see README.md). */
export const NOT_HARVESTED: { package: string; version: string; reason: string }[] = [
  {
    package: "mcp-sqlite",
    version: "1.0.9",
    reason: "needs the native sqlite3 addon, which --ignore-scripts (and no network for prebuilt binaries) leaves unbuilt",
  },
  { package: "@modelcontextprotocol/server-redis", version: "2025.4.25", reason: "connects to Redis before serving and retries forever" },
  { package: "@upstash/mcp-server", version: "0.3.0", reason: "calls api.upstash.com before serving: fetch fails offline" },
  {
    package: "@aashari/mcp-server-atlassian-jira",
    version: "3.3.0",
    reason: "works, but lists only generic jira_get/post/put/patch/delete REST tools (mcp-jira-cloud is used instead)",
  },
  {
    package: "@kazuph/mcp-fetch",
    version: "1.6.3",
    reason: "works, but its one tool is described in Japanese only (mcp-fetch-server is used instead)",
  },
  { package: "@benborla29/mcp-server-mysql", version: "2.0.9", reason: "connects to MySQL at start and exits when it cannot" },
  {
    package: "@atlassian-dc-mcp/confluence",
    version: "0.34.0",
    reason: "npm install fails: its dependency @atlassian-dc-mcp/common is not published",
  },
  { package: "@azure-devops/mcp", version: "2.10.0", reason: "needs the native keytar addon, unbuilt with --ignore-scripts" },
  { package: "mcp-obsidian", version: "1.0.0", reason: "lists inputSchemas without type object; the SDK client rejects the listing" },
  { package: "obsidian-mcp", version: "2.0.1", reason: "requires Node 22 (1.0.6 is used instead)" },
  {
    package: "@heroku/mcp-server",
    version: "1.2.8",
    reason: "imports @modelcontextprotocol/sdk/server/mcp without .js, unresolvable (1.0.7 is used instead)",
  },
  { package: "@stripe/mcp", version: "0.2.5", reason: "0.2.5+ proxy to mcp.stripe.com, unreachable offline (0.2.4 is used instead)" },
  { package: "@bytebase/dbhub", version: "1.4.0", reason: "crashes at start on Node 20 (ERR_UNKNOWN_BUILTIN_MODULE)" },
  { package: "mcp-atlassian", version: "2.1.0", reason: "crashes at start: ERR_MODULE_NOT_FOUND in its own dist" },
];
