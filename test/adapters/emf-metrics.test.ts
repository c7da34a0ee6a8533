import { describe, expect, it } from "vitest";
import { createJsonLogger } from "../../adapters/logging/json-logger.js";
import { createEmfMetrics, createJsonMetrics } from "../../adapters/metrics/emf-metrics.js";
import type { CallMetrics } from "../../domain/ports/metrics.js";
import { captureOutput } from "../support/capture-output.js";

const subject = { tenantId: "acme", callId: "c-1", serverId: "srv-1", toolName: "write_note" };

interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }>;
  };
  [key: string]: unknown;
}

/** Every event the port knows, once each, as the EMF lines `metrics` prints. */
const emitAll = (metrics: CallMetrics) => {
  metrics.callFinished({ ...subject, status: "SUCCEEDED", durationMs: 42 });
  metrics.callFinished({ ...subject, callId: "c-2", status: "FAILED", durationMs: 7 });
  metrics.approvalRequested(subject);
  metrics.approvalDecided({ ...subject, decision: "REJECTED", via: "INBOX" });
};

const directive = (line: Emf) => line._aws.CloudWatchMetrics[0]!;

describe("createEmfMetrics (Lambda)", () => {
  const lines = captureOutput(() => emitAll(createEmfMetrics())).map((line) => JSON.parse(line) as Emf);

  it("prints one EMF line per event at once, in the McpControlPlane namespace", () => {
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(directive(line).Namespace).toBe("McpControlPlane");
      expect(line._aws.Timestamp).toEqual(expect.any(Number));
      expect(line.service).toBe("mcp-control-plane");
    }
  });

  it("counts a finished call, its failure (0 or 1) and its latency per service, server and tool of a server", () => {
    const [succeeded, failed] = lines;
    expect(directive(succeeded!).Metrics).toEqual([
      { Name: "Calls", Unit: "Count" },
      { Name: "Failures", Unit: "Count" },
      { Name: "Latency", Unit: "Milliseconds" },
    ]);
    expect(directive(succeeded!).Dimensions).toEqual([["service"], ["service", "server"], ["service", "server", "tool"]]);
    expect(succeeded).toMatchObject({ Calls: 1, Failures: 0, Latency: 42, server: "srv-1", tool: "write_note", status: "SUCCEEDED" });
    expect(failed).toMatchObject({ Calls: 1, Failures: 1, Latency: 7, callId: "c-2", status: "FAILED" });
  });

  it("counts approvals requested, and decided split by the decision", () => {
    const [, , requested, decided] = lines;
    expect(directive(requested!).Metrics).toEqual([{ Name: "ApprovalsRequested", Unit: "Count" }]);
    expect(requested).toMatchObject({ ApprovalsRequested: 1, server: "srv-1", tool: "write_note" });
    expect(directive(decided!).Metrics).toEqual([{ Name: "ApprovalsDecided", Unit: "Count" }]);
    expect(directive(decided!).Dimensions).toEqual([
      ["service", "decision"],
      ["service", "server", "decision"],
      ["service", "server", "tool", "decision"],
    ]);
    expect(decided).toMatchObject({ ApprovalsDecided: 1, decision: "REJECTED", via: "INBOX" });
  });

  it("keeps the tenant and the call as searchable properties, never as dimensions, and leaks nothing between events", () => {
    for (const line of lines) {
      expect(line).toMatchObject({ tenantId: "acme" });
      expect(directive(line).Dimensions.flat()).not.toContain("tenantId");
      expect(directive(line).Dimensions.flat()).not.toContain("callId");
    }
    expect(lines[2]).not.toHaveProperty("Calls");
    expect(lines[2]).not.toHaveProperty("decision");
  });
});

describe("createJsonMetrics (local)", () => {
  it("hands the same EMF lines to its writer, and prints nothing itself", () => {
    const written: string[] = [];
    const printed = captureOutput(() => emitAll(createJsonMetrics({ write: (line) => written.push(line) })));
    expect(printed).toEqual([]);
    const local = written.map((line) => JSON.parse(line) as Emf);
    const lambda = captureOutput(() => emitAll(createEmfMetrics())).map((line) => JSON.parse(line) as Emf);
    const withoutTime = (line: Emf) => ({ ...line, _aws: { ...line._aws, Timestamp: 0 } });
    expect(local.map(withoutTime)).toEqual(lambda.map(withoutTime));
  });

  it("never throws into a call: a line that cannot be written is reported and dropped, not carried into the next", () => {
    const logs: string[] = [];
    const written: string[] = [];
    let full = true;
    const metrics = createJsonMetrics({
      write: (line) => {
        if (full) throw new Error("disk full");
        written.push(line);
      },
      logger: createJsonLogger({ write: (line) => logs.push(line) }),
    });
    expect(() => metrics.approvalRequested(subject)).not.toThrow();
    expect(logs.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ level: "warn", message: "metrics not written", error: "disk full" }),
    ]);
    full = false;
    metrics.approvalDecided({ ...subject, decision: "APPROVED", via: "PROMPT" });
    expect(written).toHaveLength(1);
    const next = JSON.parse(written[0]!) as Emf;
    expect(next).toMatchObject({ ApprovalsDecided: 1, decision: "APPROVED" });
    expect(next).not.toHaveProperty("ApprovalsRequested");
  });
});
