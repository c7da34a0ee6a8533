import { type GraphQLInputObjectType, isInputObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { callToolInputSchema } from "../../domain/calls/call-input.js";
import { createConnectionInputSchema, updateConnectionInputSchema } from "../../domain/connections/connection-input.js";
import { createEmbeddedChatInputSchema, updateEmbeddedChatInputSchema } from "../../domain/embedded/embedded-chat-input.js";
import { createServerInputSchema, updateServerInputSchema } from "../../domain/servers/server-input.js";
import { toolSettingsInputSchema } from "../../domain/tools/tool-settings-input.js";
import { schema } from "../../graphql/schema.js";

/**
 * Each GraphQL input type and the zod schema its service validates with name the same fields,
 * so a field added to one and not the other fails here (types catch the rest: services take
 * `InputOf<schema>`). Fields only the edge reads, such as the agent an actor acts for, are listed.
 */
const PAIRS: Array<[string, z.ZodObject, string[]]> = [
  ["CreateMcpServerInput", createServerInputSchema, []],
  ["UpdateMcpServerInput", updateServerInputSchema, []],
  ["CreateConnectionInput", createConnectionInputSchema, []],
  ["UpdateConnectionInput", updateConnectionInputSchema, []],
  ["ToolSettingsInput", toolSettingsInputSchema, []],
  ["CallToolInput", callToolInputSchema, ["agentId"]],
  ["CreateEmbeddedChatInput", createEmbeddedChatInputSchema, []],
  ["UpdateEmbeddedChatInput", updateEmbeddedChatInputSchema, []],
];

describe("GraphQL inputs and domain validation", () => {
  it.each(PAIRS)("%s has exactly the fields its zod schema validates", (name, zodSchema, edgeOnly) => {
    const type = schema.getType(name);
    expect(isInputObjectType(type)).toBe(true);
    const graphqlFields = Object.keys((type as GraphQLInputObjectType).getFields()).sort();
    expect(graphqlFields).toEqual([...Object.keys(zodSchema.shape), ...edgeOnly].sort());
  });
});
