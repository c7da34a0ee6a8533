/**
 * The tabs GraphiQL opens with (until the browser has tabs of its own stored): the tour of the
 * API against the demo server `npm start` registers. Each operation is checked against the
 * schema in test/graphql/graphiql.test.ts, so a schema change cannot leave a tab broken.
 */
export interface ExampleTab {
  query: string;
  variables?: string;
}

const SERVERS = `# Servers and their tools. Paste the token \`npm start\` prints under Headers, or open the URL it prints.
query ServersAndTools {
  mcpServers {
    id
    name
    url
    status
    tools {
      qualifiedName
      requiresApproval
      approvalMode
      labels
    }
  }
}
`;

const REGISTER = `# Registers an MCP server; validateMcpServer(id) then connects and lists its tools.
mutation RegisterServer($input: CreateMcpServerInput!) {
  createMcpServer(input: $input) {
    id
    slug
    visibility
    status
  }
}
`;

const TOOL_SETTINGS = `# Curates one tool (admins). serverId: an id from the ServersAndTools tab.
mutation SetToolSettings($serverId: ID!) {
  setToolSettings(serverId: $serverId, toolName: "lookup_order", input: { approvalMode: AUTO, enabled: true }) {
    qualifiedName
    enabled
    approvalMode
    requiresApproval
  }
}
`;

const CALL = `# refund_order changes data, so it waits for your approval (PENDING_APPROVAL);
# lookup_order (read-only) runs at once: try qualifiedName "mcp__demo_orders__lookup_order".
mutation CallTool {
  callTool(input: { qualifiedName: "mcp__demo_orders__refund_order", arguments: { orderId: "A-1001", reason: "Arrived damaged" } }) {
    id
    status
    result
    expiresAt
  }
}
`;

const APPROVALS = `# Your calls as they come to need approval. Run it in a browser tab of its own:
# switching GraphiQL tabs stops a running subscription.
subscription ApprovalRequested {
  approvalRequested {
    id
    qualifiedName
    arguments
    requestedBy
    expiresAt
  }
}
`;

const APPROVE = `# Runs a pending call: id from the CallTool result or the ApprovalRequested event.
mutation ApproveToolCall($id: ID!) {
  approveToolCall(id: $id) {
    id
    status
    result
    decidedBy
  }
}
`;

export const EXAMPLE_TABS: ExampleTab[] = [
  { query: SERVERS },
  { query: REGISTER, variables: JSON.stringify({ input: { name: "Everything", url: "https://mcp.example.com/mcp" } }, null, 2) },
  { query: TOOL_SETTINGS, variables: JSON.stringify({ serverId: "" }, null, 2) },
  { query: CALL },
  { query: APPROVALS },
  { query: APPROVE, variables: JSON.stringify({ id: "" }, null, 2) },
];
