import { secretSlots } from "../secrets/secret-slots.js";
import { MASK, previewOf } from "../secrets/sealed-secret.js";
import type { Secrets } from "../secrets/secrets.js";
import { badInput } from "../shared/errors.js";
import type { McpServer } from "./server.js";

/**
 * Every value of a server URL's query is a secret (`?api_key=sk_live_...`): the URL is stored and
 * shown with each value masked as a credential preview (`?api_key=••••1234`), and the query
 * itself is sealed apart, put back only where a request is sent (`openServerUrl`).
 */

interface UrlParts {
  readonly base: string;
  readonly query: string;
  readonly fragment: string;
}

/** Split as typed, not re-serialised: the masked URL keeps the admin's spelling. A `#` ends the query. */
function partsOf(url: string): UrlParts {
  const hashAt = url.indexOf("#");
  const beforeFragment = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? "" : url.slice(hashAt);
  const queryAt = beforeFragment.indexOf("?");
  if (queryAt < 0) return { base: beforeFragment, query: "", fragment };
  return { base: beforeFragment.slice(0, queryAt), query: beforeFragment.slice(queryAt + 1), fragment };
}

/** A mask as given back, or as a client that percent-encodes sends it. */
const SHOWS_MASK = new RegExp(`${MASK}|(%E2%80%A2){4}`, "i");

/** Each value of a query replaced (an empty one has nothing to hide); a part without `=` may be a key on its own. */
function replaceValues(query: string, replace: (value: string, name: string, index: number) => string): string {
  return query
    .split("&")
    .map((part, index) => {
      const equals = part.indexOf("=");
      if (equals < 0) return part && replace(part, "", index);
      const [name, value] = [part.slice(0, equals), part.slice(equals + 1)];
      return `${name}=${value && replace(value, name, index)}`;
    })
    .join("&");
}

/** The URL as stored and shown: every query value masked (`api_key=sk_live_abcd1234&flag` -> `api_key=••••1234&••••`). */
export function maskedUrl(url: string): string {
  const { base, query, fragment } = partsOf(url);
  return query ? `${base}?${replaceValues(query, previewOf)}${fragment}` : url;
}

/**
 * The URL with each query value a template variable (`?api_key={api_key}`), for a client that
 * supplies its own values (a registry's server.json), and the variables' names.
 */
export function templatedUrl(url: string): { url: string; variables: string[] } {
  const { base, query, fragment } = partsOf(url);
  const variables: string[] = [];
  const templated = replaceValues(query, (_value, name, index) => {
    const plain = name.replace(/[^A-Za-z0-9_]/g, "_");
    const variable = /^[A-Za-z_]/.test(plain) && !variables.includes(plain) ? plain : `value_${index + 1}`;
    variables.push(variable);
    return `{${variable}}`;
  });
  return { url: query ? `${base}?${templated}${fragment}` : url, variables };
}

/** The query of a URL, if it has one. */
export const queryOf = (url: string): string | null => partsOf(url).query || null;

/**
 * The query an input URL gives to seal, if any. A masked value cannot be stored: what it hides
 * is not known here (the update that keeps a query decides that before asking).
 */
export function givenQuery(url: string): string | null {
  const query = queryOf(url);
  if (query && SHOWS_MASK.test(query)) {
    throw badInput("url", `shows masked query values (${MASK}): type them again, or send the URL as it was read to keep them`);
  }
  return query;
}

/** The URL requests go to: the stored one with its sealed query opened (a server stored before queries were sealed has it in clear). */
export async function openServerUrl(secrets: Secrets, server: McpServer): Promise<string> {
  if (!server.urlQuery) return server.url;
  const query = await secrets.open(secretSlots.server(server.tenantId, server.id).urlQuery, server.urlQuery);
  const { base, fragment } = partsOf(server.url);
  return `${base}?${query}${fragment}`;
}
