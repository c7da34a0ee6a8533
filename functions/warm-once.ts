/**
 * Composition once per warm container: the first call composes, later calls share it. A failed
 * composition (KMS or the JWKS briefly unreachable at a cold start) is not kept, so the next
 * request tries again instead of the container failing until Lambda recycles it.
 */
export function once<T>(compose: () => Promise<T>): () => Promise<T> {
  let composed: Promise<T> | undefined;
  return () =>
    (composed ??= compose().catch((error: unknown) => {
      composed = undefined;
      throw error;
    }));
}

/** A handler that composes what it needs once per warm container, on its first event. */
export function onceComposed<Parts, Event, Result>(compose: () => Promise<Parts>, handle: (parts: Parts, event: Event) => Promise<Result>) {
  const parts = once(compose);
  return async (event: Event): Promise<Result> => handle(await parts(), event);
}
