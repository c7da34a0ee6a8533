import {
  type Client,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type RequestOptions,
  type Transport,
} from "@modelcontextprotocol/client";
import { z } from "zod";
import { wrapHandler } from "./transport-handlers.js";

/** Where a tools/list result carries its tools past the SDK's checks, as the server sent them. */
const AS_LISTED = "io.mcp-connector-control-plane/toolsAsListed";
/** A listing stops after this many tools: a server that pages forever does not hold a refresh for ever. */
const MAX_TOOLS = 10_000;

const PageAsListed = z.looseObject({ nextCursor: z.string().optional(), [AS_LISTED]: z.array(z.unknown()) });

/**
 * The SDK checks a tools/list result whole, so one tool whose schema lacks `"type": "object"`
 * (as published servers send) would fail every tool of the server. On a transport so set, the
 * tools of each tools/list answer are taken aside before the SDK reads it (its own list is left
 * empty), for `toolsAsListed` to return unchecked: the platform judges them one by one.
 */
export function keepToolListsAside<T extends Transport>(transport: T): T {
  const listings = new Set<string | number>();
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    if (isJSONRPCRequest(message) && message.method === "tools/list") listings.add(message.id);
    return send(message, options);
  };
  // The SDK sets its handler after this: each answer passes through here first.
  wrapHandler(transport, "onmessage", (receive) => (message, extra) => receive(aside(listings, message), extra));
  return transport;
}

/** The answer to one of our tools/list requests with its tools moved aside; any other message as it is. */
function aside(listings: Set<string | number>, message: JSONRPCMessage): JSONRPCMessage {
  if (isJSONRPCRequest(message) || !("id" in message) || message.id === undefined || !listings.delete(message.id)) return message;
  if (!isJSONRPCResultResponse(message) || !Array.isArray(message.result.tools)) return message;
  const { tools, ...result } = message.result;
  return { ...message, result: { ...result, tools: [], [AS_LISTED]: tools as unknown[] } };
}

/** Every page of the server's tools as it listed them, unchecked (none when it offers no tools), on a client whose transport keeps them aside. */
export async function toolsAsListed(client: Client, options: RequestOptions): Promise<unknown[]> {
  if (!client.getServerCapabilities()?.tools) return [];
  const tools: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.request({ method: "tools/list", params: cursor ? { cursor } : {} }, PageAsListed, options);
    tools.push(...page[AS_LISTED]);
    cursor = page.nextCursor;
  } while (cursor && tools.length < MAX_TOOLS);
  return tools;
}
