/** C0 controls and DEL: invisible in UIs and dangerous in logs, headers and keys. */
export const hasControlCharacters = (text: string) =>
  [...text].some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });

/** What splits or truncates an HTTP header line: CR, LF and NUL (tabs are legal in values). */
export const breaksHeaderLine = (text: string) => /[\r\n]/.test(text) || text.includes(String.fromCharCode(0));
