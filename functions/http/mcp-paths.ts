/** The MCP endpoint's paths: `/mcp`, `/mcp/servers/<slug>`, and their RFC 9728 metadata. */
export const isMcpPath = (path: string) =>
  path === "/mcp" || path.startsWith("/mcp/") || path.startsWith("/.well-known/oauth-protected-resource/mcp");
