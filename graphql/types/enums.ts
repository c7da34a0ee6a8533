import { CONNECTION_STATUSES, SERVER_AUTH_TYPES, TRANSPORTS, VISIBILITIES } from "../../domain/servers/server.js";
import { builder } from "../builder.js";

export const TransportEnum = builder.enumType("Transport", { values: TRANSPORTS });
export const ServerAuthTypeEnum = builder.enumType("ServerAuthType", { values: SERVER_AUTH_TYPES });
export const VisibilityEnum = builder.enumType("Visibility", { values: VISIBILITIES });
export const ConnectionStatusEnum = builder.enumType("ConnectionStatus", { values: CONNECTION_STATUSES });
