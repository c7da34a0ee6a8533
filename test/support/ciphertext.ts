/** Both ciphers' formats (`<format>.<key>.<iv>.<tag>.<data>`): where the IV and the tag sit. */
export const IV_PART = 2;
export const TAG_PART = 3;

/** Every way a sealed value is cut short that must be refused: the tag to 4, 12 and 15 bytes, the IV to 8. */
export const CUT_SHORT = [
  [TAG_PART, 4],
  [TAG_PART, 12],
  [TAG_PART, 15],
  [IV_PART, 8],
] as const;

/** The sealed value with one of its dot-separated parts cut to its first `bytes` bytes. */
export function cutPart(sealed: string, part: number, bytes: number): string {
  const parts = sealed.split(".");
  parts[part] = Buffer.from(parts[part]!, "base64url").subarray(0, bytes).toString("base64url");
  return parts.join(".");
}
