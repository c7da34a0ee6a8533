/** A secret at rest: the ciphertext, and the only part of it the API ever shows. */
export interface SealedSecret {
  readonly ciphertext: string;
  readonly preview: string;
}

/** What stands for a hidden secret, or the hidden part of one. */
export const MASK = "••••";
/** Below this length the last four characters would give away too much of the secret. */
const MIN_LENGTH_FOR_TAIL = 12;

export const previewOf = (value: string) => (value.length >= MIN_LENGTH_FOR_TAIL ? MASK + value.slice(-4) : MASK);
