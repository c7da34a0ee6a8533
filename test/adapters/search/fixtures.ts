import type { SearchableTool, ToolCorpus } from "../../../domain/ports/tool-index.js";

const tool = (
  server: string,
  serverName: string,
  name: string,
  description: string,
  properties: Record<string, string> = {},
): SearchableTool => ({
  key: `${server}__${name}`,
  serverId: server,
  serverName,
  serverDescription: null,
  name,
  title: null,
  description,
  inputSchema: {
    type: "object",
    properties: Object.fromEntries(Object.entries(properties).map(([key, text]) => [key, { type: "string", description: text }])),
  },
});

/** A small tenant: two look-alike code hosts, files, a calendar, payments, chat. */
export const TOOLS: SearchableTool[] = [
  tool("github", "GitHub", "create_pull_request", "Open a new pull request in a GitHub repository", { head: "Branch with the changes" }),
  tool("github", "GitHub", "list_issues", "List issues in a GitHub repository"),
  tool("gitlab", "GitLab", "create_merge_request", "Create a merge request in a GitLab project", {
    source_branch: "Branch with the changes",
  }),
  tool("gitlab", "GitLab", "list_issues", "List issues in a GitLab project"),
  tool("files", "Filesystem", "delete_file", "Remove a file from the disk", { path: "Path of the file" }),
  tool("files", "Filesystem", "read_file", "Read the contents of a file", { path: "Path of the file" }),
  tool("calendar", "Calendar", "create_event", "Create an event on a calendar", { start: "When it starts" }),
  tool("payments", "Payments", "create_charge", "Charge a customer's card", { amount: "Amount in cents" }),
  tool("chat", "Chat", "post_message", "Post a message to a channel", { channel: "Channel name" }),
];

export const corpus = (tools: readonly SearchableTool[] = TOOLS, version = "v1", tenantId = "acme"): ToolCorpus => ({
  tenantId,
  version,
  tools,
});
export const everything = (_key: string) => true;
