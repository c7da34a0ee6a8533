import type { InputOf } from "../shared/validation.js";
import { badInput } from "../shared/errors.js";
import { parseInput } from "../shared/validation.js";
import type { createServerInputSchema } from "../servers/server-input.js";
import { type RemoteTransport, type ServerJson, serverJsonSchema } from "./server-json-schema.js";

const FIELD = "document";

/**
 * A server registration from a server.json document. Only its remotes can be registered (a
 * package runs on the client's machine); the first one is used. Anything this control plane
 * cannot honour is refused naming its path, so nothing half-understood is stored.
 */
export function serverInputFromServerJson(text: string): InputOf<typeof createServerInputSchema> {
  const document = parseInput(serverJsonSchema, parseJson(text), FIELD);
  const remote = document.remotes?.[0];
  if (!remote) throw badInput(`${FIELD}.remotes`, "must list a remote (streamable-http or sse): packages run locally, not here");
  const path = `${FIELD}.remotes.0`;
  if (remote.url.includes("{")) throw badInput(`${path}.url`, "uses template variables, which only an MCP client can fill in");
  return {
    name: displayName(document),
    description: document.description,
    url: remote.url,
    transport: remote.type === "sse" ? "SSE" : "STREAMABLE_HTTP",
    headers: staticHeaders(remote, path),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badInput(FIELD, "must be a JSON server.json document");
  }
}

/** Its title, else the part of its reverse-DNS name after the slash (`io.github.acme/weather` -> `weather`). */
const displayName = (document: ServerJson) => document.title ?? document.name.slice(document.name.indexOf("/") + 1);

/**
 * Headers with a fixed value become the server's headers. A secret or user-supplied one has no
 * value to store: registering without it would give a server that cannot work.
 */
function staticHeaders(remote: RemoteTransport, path: string): Array<{ name: string; value: string }> {
  const headers: Array<{ name: string; value: string }> = [];
  remote.headers.forEach((header, index) => {
    const fixed = header.value !== undefined && !header.value.includes("{") && !header.isSecret;
    if (fixed) headers.push({ name: header.name, value: header.value! });
    else if (header.isRequired || header.isSecret)
      throw badInput(
        `${path}.headers.${index}`,
        "needs a value the user supplies; register the server with createMcpServer and its credential",
      );
  });
  return headers;
}
