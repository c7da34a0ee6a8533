import { badInput } from "../shared/errors.js";

/** How large a call may be, both ways: arguments as they come in, results as they come back. */
export interface PayloadLimits {
  /** Serialized JSON of a call's arguments (MAX_ARGUMENT_BYTES). */
  readonly maxArgumentBytes: number;
  /** Nesting of objects and arrays in a call's arguments, the arguments object itself being level 1 (MAX_ARGUMENT_DEPTH). */
  readonly maxArgumentDepth: number;
  /** Serialized JSON of a tool's result (MAX_RESULT_BYTES); a larger one fails the call. */
  readonly maxResultBytes: number;
}

export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = {
  maxArgumentBytes: 256 * 1024,
  maxArgumentDepth: 32,
  maxResultBytes: 5 * 1024 * 1024,
};

/** The limits as configured, each one not given at its default. */
export const payloadLimitsOf = (configured: Partial<PayloadLimits> = {}): PayloadLimits => ({ ...DEFAULT_PAYLOAD_LIMITS, ...configured });

const utf8 = new TextEncoder();

/** A JSON value's size as sent and stored: the bytes of its UTF-8 serialization. */
export const jsonBytes = (value: unknown): number => utf8.encode(JSON.stringify(value)).byteLength;

/**
 * Refuses arguments past the limits before anything runs or is stored. Depth is measured first
 * and without recursion: serializing a value nested thousands deep would overflow the stack.
 */
export function checkArgumentLimits(args: Record<string, unknown>, limits: PayloadLimits): void {
  if (exceedsDepth(args, limits.maxArgumentDepth))
    throw badInput("arguments", `must be nested at most ${limits.maxArgumentDepth} levels deep (MAX_ARGUMENT_DEPTH)`);
  if (jsonBytes(args) > limits.maxArgumentBytes)
    throw badInput("arguments", `must be at most ${limits.maxArgumentBytes} bytes as JSON (MAX_ARGUMENT_BYTES)`);
}

/** Why a result of `bytes` cannot be passed on or kept; undefined when it is within the limit. */
export const resultTooLarge = (bytes: number, limits: PayloadLimits): string | undefined =>
  bytes > limits.maxResultBytes
    ? `The tool's result was too large: ${bytes} bytes, over the limit of ${limits.maxResultBytes} bytes (MAX_RESULT_BYTES).`
    : undefined;

function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [each, depth] = next;
    if (each === null || typeof each !== "object") continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(each)) pending.push([child, depth + 1]);
  }
  return false;
}
