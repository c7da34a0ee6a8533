import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ToolCall, ToolCallStatus } from "../../domain/calls/tool-call.js";
import type { CallPage, CallPageQuery } from "../../domain/ports/tool-call-store.js";
import { badInput } from "../../domain/shared/errors.js";
import { keys } from "./keys.js";

type Item = Record<string, unknown>;

/** The index a timeline is read from, and its partition for this query. */
function indexOf({ tenantId, timeline }: CallPageQuery) {
  if (timeline === "shared") return { name: "gsi3", pk: "gsi3pk", sk: "gsi3sk", value: keys.sharedCallsIndex(tenantId, "", "").gsi3pk };
  return { name: "gsi2", pk: "gsi2pk", sk: "gsi2sk", value: keys.userCallsIndex(tenantId, timeline.userId, "", "").gsi2pk };
}

/**
 * A status as readers see it, in DynamoDB's terms (the rules of observedStatus): a pending call
 * past its deadline reads EXPIRED, a RUNNING call started before the cutoff reads FAILED.
 */
function statusClause(status: ToolCallStatus, { now, runningCutoff }: CallPageQuery): { clause: string; values: Item } {
  const running = "#status = :running AND updatedAt";
  const pending = "#status = :pending AND approvalExpiresAt";
  switch (status) {
    case "PENDING_APPROVAL":
      return { clause: `${pending} > :now`, values: { ":pending": status, ":now": now } };
    case "EXPIRED":
      return { clause: `${pending} <= :now`, values: { ":pending": "PENDING_APPROVAL", ":now": now } };
    case "RUNNING":
      return { clause: `${running} > :cutoff`, values: { ":running": status, ":cutoff": runningCutoff } };
    case "FAILED":
      return {
        clause: `(#status = :status OR (${running} <= :cutoff))`,
        values: { ":status": status, ":running": "RUNNING", ":cutoff": runningCutoff },
      };
    default:
      return { clause: "#status = :status", values: { ":status": status } };
  }
}

/** The filters beyond the index's key, as one FilterExpression. */
function filterOf(query: CallPageQuery) {
  const { filter } = query;
  const clauses: string[] = [];
  const values: Item = {};
  const equal = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(`${attribute} = :${attribute}`);
    values[`:${attribute}`] = value;
  };
  equal("serverId", filter.serverId);
  equal("requestedBy", filter.userId);
  equal("agentId", filter.agentId);
  if (filter.status) {
    const { clause, values: statusValues } = statusClause(filter.status, query);
    clauses.push(clause);
    Object.assign(values, statusValues);
  }
  if (clauses.length === 0) return { filterValues: {} };
  return {
    FilterExpression: clauses.join(" AND "),
    ...(filter.status ? { ExpressionAttributeNames: { "#status": "status" } } : {}),
    filterValues: values,
  };
}

/** A cursor: the index key of the last call a page returned, opaque to clients. */
const cursorOf = (item: Item, index: ReturnType<typeof indexOf>) =>
  Buffer.from(JSON.stringify([item.pk, item.sk, item[index.sk]])).toString("base64url");

/** A cursor back into a start key, refused unless it is one of this same timeline's. */
function startKeyOf(after: string, index: ReturnType<typeof indexOf>): Item {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
  } catch {
    throw badInput("after", "is not a cursor this API returned");
  }
  const valid = Array.isArray(parts) && parts.length === 3 && parts.every((part) => typeof part === "string");
  const [pk, sk, indexSk] = (valid ? parts : []) as string[];
  // A call's own partition names its tenant: a cursor of another tenant cannot pass.
  if (!valid || !pk!.startsWith(index.value.split("#CALLS")[0]! + "#CALL#")) throw badInput("after", "is not a cursor this API returned");
  return { pk, sk, [index.pk]: index.value, [index.sk]: indexSk };
}

/**
 * One page of a timeline, newest first: queries the index until `first` calls pass the filters
 * (or it ends), reading ahead one to know whether there is a next page.
 */
export async function readCallPage(
  db: DynamoDBDocumentClient,
  tableName: string,
  query: CallPageQuery,
  recordOf: (item: Item) => Promise<ToolCall>,
): Promise<CallPage> {
  const index = indexOf(query);
  const { filterValues, ...filter } = filterOf(query);
  const from = query.filter.since ?? "0";
  const to = `${query.filter.until ?? "9"}#\uffff`;
  const found: Item[] = [];
  let start: Item | undefined = query.after ? startKeyOf(query.after, index) : undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.name,
        KeyConditionExpression: `${index.pk} = :pk AND ${index.sk} BETWEEN :from AND :to`,
        ...filter,
        ExpressionAttributeValues: { ":pk": index.value, ":from": from, ":to": to, ...filterValues },
        ScanIndexForward: false,
        Limit: Math.min(100, query.first + 1),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    found.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (found.length <= query.first && start);
  const calls = await Promise.all(
    found.slice(0, query.first).map(async (item) => ({ call: await recordOf(item), cursor: cursorOf(item, index) })),
  );
  return { calls, hasNextPage: found.length > query.first };
}
