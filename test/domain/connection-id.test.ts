import { describe, expect, it } from "vitest";
import { connectionId, parseConnectionId } from "../../domain/connections/connection.js";

describe("connection ids", () => {
  it.each([
    { serverId: "3f2a", scope: "USER" as const, subject: "alice@example.com" },
    { serverId: "3f2a", scope: "USER" as const, subject: "Zoë#1/2" },
    { serverId: "3f2a", scope: "AGENT" as const, subject: "support-bot" },
    { serverId: "3f2a", scope: "PLATFORM" as const, subject: "" },
  ])("round-trip %j", (slot) => {
    expect(parseConnectionId(connectionId(slot))).toEqual(slot);
  });

  it.each(["", "U.srv", "X.srv.YQ", "P.srv.YQ", "U.srv.", "U.s rv.YQ", "U.srv.YQ==", "U.srv.YR"])("refuses %j", (id) => {
    expect(parseConnectionId(id)).toBeUndefined();
  });
});
