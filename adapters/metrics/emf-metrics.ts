import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Logger } from "../../domain/ports/logger.js";
import { createJsonLogger } from "../logging/json-logger.js";
import type { CallMetrics, CallMetricSubject } from "../../domain/ports/metrics.js";

export const METRICS_NAMESPACE = "McpControlPlane";

export interface EmfMetricsOptions {
  namespace?: string;
  /** The `service` dimension every metric carries. */
  serviceName?: string;
  /** Where the EMF lines go; unset, Powertools prints them to stdout (CloudWatch Logs on Lambda, which extracts the metrics). */
  write?: (line: string) => void;
  /** Where Powertools' warnings and a metric that could not be written are reported (warnings as JSON lines by default). */
  logger?: Logger;
}

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];
type Dimensions = Record<string, string>;

/** One event as EMF: its metrics, the dimensions it is counted under, and context to search by (never a dimension). */
interface Emission {
  metrics: ReadonlyArray<readonly [name: string, unit: Unit, value: number]>;
  /** Added to each dimension set (a low-cardinality split such as the decision). */
  split?: Dimensions;
  subject: CallMetricSubject;
  context?: Dimensions;
}

/**
 * Tool-call metrics as CloudWatch embedded metric format, through AWS Lambda Powertools
 * Metrics: one EMF line per event, written at once (our handlers are plain functions, so nothing
 * would flush a buffer at the end of an invocation; an event is one line either way).
 *
 * Each event is counted under three dimension sets: the whole service, per server, and per tool
 * of a server (a tool name alone is ambiguous across servers). Every combination is a billed
 * custom metric, so only bounded values become dimensions: server ids and the tool names of
 * their catalogs, plus the decision (two values). The tenant and call ids, unbounded, go along
 * as searchable properties; a server id already belongs to exactly one tenant.
 */
export function createEmfMetrics({
  namespace = METRICS_NAMESPACE,
  serviceName = "mcp-control-plane",
  write,
  logger = createJsonLogger({ level: "warn" }),
}: EmfMetricsOptions = {}): CallMetrics {
  const metrics = new Metrics({ namespace, serviceName, logger: powertoolsLogger(logger) });

  const emit = ({ metrics: values, split = {}, subject, context = {} }: Emission) => {
    try {
      for (const [name, unit, value] of values) metrics.addMetric(name, unit, value);
      for (const set of dimensionSets(subject)) metrics.addDimensions({ ...set, ...split });
      for (const [key, value] of Object.entries({ tenantId: subject.tenantId, callId: subject.callId, ...context }))
        metrics.addMetadata(key, value);
      if (write) write(JSON.stringify(metrics.serializeMetrics()));
      else metrics.publishStoredMetrics();
    } catch (error) {
      // A metric must never fail a call: say so, and drop it.
      logger.warn("metrics not written", { error: (error as Error).message });
    } finally {
      // One event, one line: nothing stored carries into the next event.
      metrics.clearMetrics();
      metrics.clearDimensions();
      metrics.clearMetadata();
    }
  };

  return {
    callFinished: ({ status, durationMs, ...subject }) =>
      emit({
        metrics: [
          ["Calls", MetricUnit.Count, 1],
          // 0 for a success, so the average of Failures is the failure rate.
          ["Failures", MetricUnit.Count, status === "FAILED" ? 1 : 0],
          ["Latency", MetricUnit.Milliseconds, durationMs],
        ],
        subject,
        context: { status },
      }),
    approvalRequested: (subject) => emit({ metrics: [["ApprovalsRequested", MetricUnit.Count, 1]], subject }),
    approvalDecided: ({ decision, via, ...subject }) =>
      emit({ metrics: [["ApprovalsDecided", MetricUnit.Count, 1]], split: { decision }, subject, context: { via } }),
  };
}

/**
 * The local stand-in: the same EMF lines, built by the same code, handed to `write` (stdout by
 * default) instead of CloudWatch; Powertools' dev mode, which would silence them, does not apply.
 */
export function createJsonMetrics({
  write = (line) => process.stdout.write(line + "\n"),
  ...options
}: EmfMetricsOptions = {}): CallMetrics {
  return createEmfMetrics({ ...options, write });
}

/** The service as a whole (the `service` default dimension alone), per server, per tool of a server. */
const dimensionSets = ({ serverId, toolName }: CallMetricSubject): Dimensions[] => [
  {},
  { server: serverId },
  { server: serverId, tool: toolName },
];

/**
 * Powertools' logger interface over ours, for the warnings Powertools itself prints. Powertools
 * 2.36 warns whenever a key appears in two dimension sets, the very thing sets are for (server
 * is in two of ours, with the same value by construction): that one is not passed on, or every
 * event would log it.
 */
const powertoolsLogger = (logger: Logger) => {
  const text = (content: unknown[]) => content.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ");
  const sharedKey = / is defined as both a dimension set and dimension set;/;
  return {
    debug: (...content: unknown[]) => logger.debug(text(content)),
    info: (...content: unknown[]) => logger.info(text(content)),
    warn: (...content: unknown[]) => (sharedKey.test(text(content)) ? undefined : logger.warn(text(content))),
    error: (...content: unknown[]) => logger.error(text(content)),
  };
};
