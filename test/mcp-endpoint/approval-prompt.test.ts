import { describe, expect, it } from "vitest";
import { answerOf } from "../../mcp-endpoint/approval-prompt.js";

describe("answerOf: what a user's answer to the approval prompt decides", () => {
  it.each([
    ["accept, approve", { action: "accept", content: { decision: "approve" } }, { approve: true }],
    [
      "accept, reject with a reason",
      { action: "accept", content: { decision: "reject", reason: " too risky " } },
      { approve: false, reason: "too risky" },
    ],
    ["accept, reject without one", { action: "accept", content: { decision: "reject" } }, { approve: false, reason: null }],
    ["decline", { action: "decline" }, { approve: false, reason: "Declined in the client." }],
    ["cancel (dismissed): nothing decided", { action: "cancel" }, undefined],
    ["accept without a decision", { action: "accept", content: {} }, undefined],
    ["accept with a decision not offered", { action: "accept", content: { decision: "maybe" } }, undefined],
    ["an unknown action", { action: "approve" }, undefined],
  ])("%s", (_label, result, expected) => {
    expect(answerOf(result)).toEqual(expected);
  });

  it("caps a reason at 500 characters", () => {
    expect(answerOf({ action: "accept", content: { decision: "reject", reason: "x".repeat(900) } })?.reason).toHaveLength(500);
  });
});
