/** How the platform describes itself as an OAuth client (RFC 7591 metadata): in registrations and in its metadata document. */
export interface ClientMetadata {
  readonly client_name: string;
  readonly redirect_uris: readonly string[];
  readonly grant_types: readonly string[];
  readonly response_types: readonly string[];
  readonly token_endpoint_auth_method: "none";
  readonly application_type: "web";
  /** Only in the metadata document: its own URL, which is the client id. */
  readonly client_id?: string;
}

/** A public client using PKCE, with one redirect URI: there is no client secret to leak. */
export const platformClientMetadata = (redirectUri: string): ClientMetadata => ({
  client_name: "MCP connector control plane",
  redirect_uris: [redirectUri],
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
  token_endpoint_auth_method: "none",
  application_type: "web",
});
