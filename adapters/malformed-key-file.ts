/** A key file in the data dir that exists but cannot be read as a key; the entry point that owns the file says how to fix it. */
export class MalformedKeyFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} is not a valid key: ${reason}`);
    this.name = "MalformedKeyFileError";
  }
}
