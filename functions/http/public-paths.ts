/** What the rest of the world fetches from this deployment, all under PUBLIC_URL. */
export const PUBLIC_PATHS = {
  jwks: "/.well-known/jwks.json",
  oauthCallback: "/oauth/callback",
  clientMetadata: "/oauth/client-metadata.json",
} as const;
