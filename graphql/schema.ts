import { lexicographicSortSchema } from "graphql";
import { builder } from "./builder.js";
import "./types/scalars.js";
import "./types/enums.js";
import "./types/mcp-server.js";
import "./types/connection.js";
import "./types/tool.js";
import "./types/tool-call.js";
import "./types/tool-call-history.js";
import "./types/tool-metrics.js";
import "./types/oauth.js";
import "./types/embedded-chat.js";
import "./types/connector.js";
import "./types/integration.js";
import "./types/agents.js";
import "./types/pages.js";

export const schema = lexicographicSortSchema(builder.toSchema());
