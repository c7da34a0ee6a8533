/** C0 controls and DEL: invisible in UIs and dangerous in logs, headers and keys. */
export const hasControlCharacters = (text: string) =>
  [...text].some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });

/** What splits or truncates an HTTP header line: CR, LF and NUL (tabs are legal in values). */
export const breaksHeaderLine = (text: string) => /[\r\n]/.test(text) || text.includes(String.fromCharCode(0));

/** The text in at most `maxBytes` of UTF-8, ending with `marker` when it had to be cut (never inside a character). */
export function cutToBytes(text: string, maxBytes: number, marker = ""): string {
  const encoder = new TextEncoder();
  // A character takes at least a byte: the first maxBytes UTF-16 units hold all that can be kept (a long text is not encoded whole).
  const head = text.length > maxBytes ? text.slice(0, Math.max(0, maxBytes)).replace(/[\uD800-\uDBFF]$/, "") : text;
  const bytes = encoder.encode(head);
  if (head === text && bytes.length <= maxBytes) return text;
  const kept = bytes.subarray(0, Math.max(0, maxBytes - encoder.encode(marker).length));
  // A cut inside a character decodes to one replacement character at the end: drop it.
  return new TextDecoder().decode(kept).replace(/\uFFFD$/, "") + marker;
}
