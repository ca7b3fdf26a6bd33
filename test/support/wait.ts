// Waiting for an outcome in integration tests: poll a condition until it holds, failing with the last value
// seen. Not a timing assertion — the deadline only bounds a test that would otherwise hang.
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 25, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline)
      throw new Error(
        `${what} did not hold within ${timeoutMs} ms; last value: ${JSON.stringify(last)?.slice(0, 2000)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
