/** The condition failure of a conditional write, whatever the SDK class identity. */
const isConditionFailure = (error: unknown) => error instanceof Error && error.name === "ConditionalCheckFailedException";

/**
 * Awaits a conditional write: its output, or undefined when its condition did not hold (someone
 * else wrote first, or the item is gone). Any other failure is thrown.
 */
export async function conditionalWrite<T extends object>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
