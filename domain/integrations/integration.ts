import { z } from "zod";
import { SERVER_AUTH_TYPES, TRANSPORTS } from "../servers/server.js";
import { serverUrlSchema } from "../servers/server-url.js";

const httpsUrl = serverUrlSchema.refine((url) => url.startsWith("https://"), "must use https");

/**
 * One well-known remote MCP server, as its vendor documents it. `checkedAgainst` lists the pages
 * its URL, transport and auth were confirmed from: the catalog holds facts, not guesses.
 */
export const integrationSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase words separated by dashes"),
  name: z.string().min(1).max(100),
  description: z.string().min(1).max(1000),
  url: httpsUrl,
  transport: z.enum(TRANSPORTS),
  authType: z.enum(SERVER_AUTH_TYPES),
  /** Scopes to request; empty where the vendor names none (its server asks for what it needs on the consent screen). */
  scopes: z.array(z.string().min(1)),
  docsUrl: httpsUrl,
  iconUrl: httpsUrl,
  checkedAgainst: z.array(httpsUrl).min(1),
});

export type Integration = z.output<typeof integrationSchema>;

/** A catalog entry as the caller's tenant sees it. */
export interface IntegrationView extends Integration {
  /** Whether the tenant already has a server at this URL. */
  readonly added: boolean;
}
