/** What a piece of work came to within its budget: its value, or nothing yet (it carries on unobserved). */
export type WithinBudget<T> = { done: true; value: T } | { done: false };

/** Waits for `work` at most `ms`; the work is not cancelled, only no longer waited for (its failure is then ignored). */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<WithinBudget<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    const outcome = await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
    if (!outcome.done) work.catch(() => undefined);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}
