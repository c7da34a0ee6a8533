export const TOOL_FIELDS = `serverId name qualifiedName title description inputSchema annotations labels enabled approvalMode requiresApproval deferred present changedAt reviewRequired`;
export const SERVER_TOOLS = `query($id: ID!) { mcpServer(id: $id) { id status lastError lastValidatedAt toolsCachedAt tools { ${TOOL_FIELDS} } } }`;
export const VALIDATE = `mutation($id: ID!) { validateMcpServer(id: $id) { id status lastError lastValidatedAt toolsCachedAt } }`;
export const REFRESH = `mutation($id: ID!) { refreshTools(serverId: $id) { id status lastError toolsCachedAt } }`;
export const SET_TOOL = `mutation($id: ID!, $tool: String!, $input: ToolSettingsInput!) { setToolSettings(serverId: $id, toolName: $tool, input: $input) { ${TOOL_FIELDS} } }`;
export const AGENT_TOOLS = `query($agent: String) { agentTools(agentId: $agent) { deferredCount tools { ${TOOL_FIELDS} } } }`;
export const SEARCH_TOOLS = `query($q: String!, $agent: String, $limit: Int) { searchTools(query: $q, agentId: $agent, limit: $limit) { ${TOOL_FIELDS} } }`;
