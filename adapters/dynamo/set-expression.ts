/** `SET #a = :a, ...` for the given attributes, every name a placeholder (DynamoDB reserves hundreds of words). */
export function setExpression(attributes: Record<string, unknown>) {
  const entries = Object.entries(attributes).filter(([, value]) => value !== undefined);
  return {
    UpdateExpression: `SET ${entries.map((_, index) => `#a${index} = :a${index}`).join(", ")}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#a${index}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:a${index}`, value])),
  };
}
