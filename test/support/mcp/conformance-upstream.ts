import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ElicitResultSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  CreateMessageResultSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";

/** A 1x1 red PNG and a minimal WAV, as the conformance scenarios expect. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
const WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";
const noArgs = { type: "object", properties: {} };
const text = (value: string) => ({ type: "text", text: value });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TOOLS = [
  ["test_simple_text", "Returns simple text"],
  ["test_image_content", "Returns an image"],
  ["test_audio_content", "Returns audio"],
  ["test_embedded_resource", "Returns an embedded resource"],
  ["test_multiple_content_types", "Returns text, image and a resource"],
  ["test_tool_with_logging", "Logs three messages while it runs"],
  ["test_tool_with_progress", "Reports progress while it runs"],
  ["test_error_handling", "Always fails"],
  ["test_elicitation_sep1034_defaults", "Asks for input with defaults"],
  ["test_elicitation_sep1330_enums", "Asks for input with enums"],
].map(([name, description]) => ({ name: name!, description: description!, inputSchema: noArgs }));

const ARGUMENT_TOOLS = [
  {
    name: "test_sampling",
    description: "Asks the client's model",
    inputSchema: { type: "object", properties: { prompt: { type: "string" } }, required: ["prompt"] },
  },
  {
    name: "test_elicitation",
    description: "Asks the user",
    inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] },
  },
  {
    name: "json_schema_2020_12_tool",
    description: "Tool with JSON Schema 2020-12 features",
    inputSchema: {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      $defs: { address: { type: "object", properties: { street: { type: "string" }, city: { type: "string" } } } },
      properties: { name: { type: "string" }, address: { $ref: "#/$defs/address" } },
      additionalProperties: false,
    },
  },
];

const SEP1034_SCHEMA = {
  type: "object",
  properties: {
    name: { type: "string", description: "User name", default: "John Doe" },
    age: { type: "integer", description: "User age", default: 30 },
    score: { type: "number", description: "User score", default: 95.5 },
    status: { type: "string", description: "User status", enum: ["active", "inactive", "pending"], default: "active" },
    verified: { type: "boolean", description: "Verification status", default: true },
  },
  required: [],
};
const SEP1330_SCHEMA = {
  type: "object",
  properties: {
    untitledSingle: { type: "string", enum: ["option1", "option2", "option3"] },
    titledSingle: { type: "string", oneOf: [1, 2, 3].map((n) => ({ const: `value${n}`, title: `Option ${n}` })) },
    legacyEnum: { type: "string", enum: ["opt1", "opt2", "opt3"], enumNames: ["Option One", "Option Two", "Option Three"] },
    untitledMulti: { type: "array", minItems: 1, maxItems: 3, items: { type: "string", enum: ["option1", "option2", "option3"] } },
    titledMulti: {
      type: "array",
      minItems: 1,
      maxItems: 3,
      items: { anyOf: [1, 2, 3].map((n) => ({ const: `value${n}`, title: `Choice ${n}` })) },
    },
  },
  required: [],
};

type Extra = {
  sendNotification: (notification: any) => Promise<void>;
  sendRequest: (request: any, schema: any) => Promise<any>;
  _meta?: any;
};

/** What each tool does, as the conformance scenarios describe it. */
const BEHAVIOUR: Record<string, (args: any, extra: Extra) => Promise<unknown>> = {
  test_simple_text: async () => ({ content: [text("This is a simple text response for testing.")] }),
  test_image_content: async () => ({ content: [{ type: "image", data: PNG, mimeType: "image/png" }] }),
  test_audio_content: async () => ({ content: [{ type: "audio", data: WAV, mimeType: "audio/wav" }] }),
  test_embedded_resource: async () => ({
    content: [
      {
        type: "resource",
        resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: "This is an embedded resource content." },
      },
    ],
  }),
  test_multiple_content_types: async () => ({
    content: [
      text("Multiple content types test:"),
      { type: "image", data: PNG, mimeType: "image/png" },
      {
        type: "resource",
        resource: { uri: "test://mixed-content-resource", mimeType: "application/json", text: '{"test":"data","value":123}' },
      },
    ],
  }),
  test_tool_with_logging: async (_args, extra) => {
    for (const [index, message] of ["Tool execution started", "Tool processing data", "Tool execution completed"].entries()) {
      if (index) await sleep(50);
      await extra.sendNotification({ method: "notifications/message", params: { level: "info", data: message } });
    }
    return { content: [text("Tool with logging executed successfully")] };
  },
  test_tool_with_progress: async (_args, extra) => {
    const progressToken = extra._meta?.progressToken;
    for (const progress of [0, 50, 100]) {
      if (progress) await sleep(50);
      if (progressToken !== undefined)
        await extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress, total: 100 } });
    }
    return { content: [text(String(progressToken))] };
  },
  test_error_handling: async () => ({ isError: true, content: [text("This tool intentionally returns an error for testing")] }),
  test_sampling: async (args: { prompt: string }, extra) => {
    const result = await extra.sendRequest(
      { method: "sampling/createMessage", params: { messages: [{ role: "user", content: text(args.prompt) }], maxTokens: 100 } },
      CreateMessageResultSchema,
    );
    return { content: [text(`LLM response: ${result.content?.text ?? JSON.stringify(result.content)}`)] };
  },
  test_elicitation: async (args: { message: string }, extra) => {
    const schema = {
      type: "object",
      properties: {
        username: { type: "string", description: "User's response" },
        email: { type: "string", description: "User's email address" },
      },
      required: ["username", "email"],
    };
    const result = await extra.sendRequest(
      { method: "elicitation/create", params: { message: args.message, requestedSchema: schema } },
      ElicitResultSchema,
    );
    return { content: [text(`User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`)] };
  },
  test_elicitation_sep1034_defaults: async (_args, extra) =>
    elicited(extra, "Please review and update the form fields with defaults", SEP1034_SCHEMA),
  test_elicitation_sep1330_enums: async (_args, extra) => elicited(extra, "Please select options from the enum fields", SEP1330_SCHEMA),
  json_schema_2020_12_tool: async (args) => ({ content: [text(`JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`)] }),
};

async function elicited(extra: Extra, message: string, requestedSchema: object) {
  const result = await extra.sendRequest({ method: "elicitation/create", params: { message, requestedSchema } }, ElicitResultSchema);
  return { content: [text(`Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`)] };
}

const RESOURCES = {
  "test://static-text": { mimeType: "text/plain", text: "This is the content of the static text resource." },
  "test://static-binary": { mimeType: "image/png", blob: PNG },
  "test://watched-resource": { mimeType: "text/plain", text: "Watched resource content" },
} as Record<string, { mimeType: string; text?: string; blob?: string }>;

const PROMPTS: Record<
  string,
  { arguments?: Array<{ name: string; required: boolean }>; messages: (args: Record<string, string>) => unknown[] }
> = {
  test_simple_prompt: { messages: () => [{ role: "user", content: text("This is a simple prompt for testing.") }] },
  test_prompt_with_arguments: {
    arguments: [
      { name: "arg1", required: true },
      { name: "arg2", required: true },
    ],
    messages: (args) => [{ role: "user", content: text(`Prompt with arguments: arg1='${args.arg1}', arg2='${args.arg2}'`) }],
  },
  test_prompt_with_embedded_resource: {
    arguments: [{ name: "resourceUri", required: true }],
    messages: (args) => [
      {
        role: "user",
        content: {
          type: "resource",
          resource: { uri: args.resourceUri, mimeType: "text/plain", text: "Embedded resource content for testing." },
        },
      },
      { role: "user", content: text("Please process the embedded resource above.") },
    ],
  },
  test_prompt_with_image: {
    messages: () => [
      { role: "user", content: { type: "image", data: PNG, mimeType: "image/png" } },
      { role: "user", content: text("Please analyze the image above.") },
    ],
  },
};

function conformanceServer(): Server {
  const server = new Server(
    { name: "conformance-upstream", version: "1.0.0" },
    { capabilities: { tools: { listChanged: true }, resources: { subscribe: true }, prompts: {}, completions: {}, logging: {} } },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [...TOOLS, ...ARGUMENT_TOOLS] }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const behaviour = BEHAVIOUR[request.params.name];
    if (!behaviour) return { isError: true, content: [text(`Unknown tool ${request.params.name}`)] };
    return (await behaviour(request.params.arguments ?? {}, extra)) as never;
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({
    resources: Object.entries(RESOURCES).map(([uri, { mimeType }]) => ({
      uri,
      name: uri.slice(7),
      description: `The ${uri} resource`,
      mimeType,
    })),
  }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      { uriTemplate: "test://template/{id}/data", name: "template", description: "Data by id", mimeType: "application/json" },
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async ({ params: { uri } }) => {
    const id = /^test:\/\/template\/(.+)\/data$/.exec(uri)?.[1];
    if (id)
      return {
        contents: [{ uri, mimeType: "application/json", text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }],
      };
    const resource = RESOURCES[uri];
    if (!resource) throw new Error(`Resource ${uri} not found`);
    return { contents: [{ uri, ...resource }] };
  });
  server.setRequestHandler(SubscribeRequestSchema, async () => ({}));
  server.setRequestHandler(UnsubscribeRequestSchema, async () => ({}));
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({
    prompts: Object.entries(PROMPTS).map(([name, prompt]) => ({
      name,
      description: `The ${name} prompt`,
      ...(prompt.arguments ? { arguments: prompt.arguments } : {}),
    })),
  }));
  server.setRequestHandler(GetPromptRequestSchema, async ({ params }) => ({
    messages: PROMPTS[params.name]!.messages(params.arguments ?? {}) as never,
  }));
  server.setRequestHandler(CompleteRequestSchema, async () => ({
    completion: { values: ["paris", "park", "party"], total: 3, hasMore: false },
  }));
  server.setRequestHandler(SetLevelRequestSchema, async () => ({}));
  return server;
}

/**
 * The upstream the conformance suite's server scenarios expect (the conformance repository's
 * example "everything" server, in brief), built with the SDK on loopback with sessions, so
 * its requests to the client (sampling, elicitation) work.
 */
export async function startConformanceUpstream() {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer((request, response) => {
    const id = request.headers["mcp-session-id"] as string | undefined;
    let transport = id ? sessions.get(id) : undefined;
    if (id && !transport) return void response.writeHead(404).end();
    if (!transport) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (sid) => void sessions.set(sid, created),
      });
      transport = created;
      void conformanceServer().connect(created);
    }
    void transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
