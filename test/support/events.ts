// Waiting on state rather than on time: the next event that passes a test, or a condition that comes true.

/** An `onEvent`/`onChange`-style subscription: takes a listener, returns the unsubscribe function. */
export type Subscribe<E> = (listener: (event: E) => void) => () => void;

/**
 * The next event from `subscribe` that `accept` passes. Subscribe before doing what causes it. The
 * timeout is a safety net against a hang, sized for a loaded machine, not a measurement: the message
 * names `what` was awaited.
 */
export function nextEvent<E>(subscribe: Subscribe<E>, accept: (event: E) => boolean, what: string, timeoutMs = 30_000): Promise<E> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const off = subscribe((event) => {
      if (done || !accept(event)) return;
      done = true;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/**
 * Resolves once `condition()` holds, checking it every `everyMs`; rejects naming `what` after
 * `timeoutMs`. For state nothing announces (e.g. a socket leaving the process's handle list).
 */
export async function until(condition: () => boolean, what: string, { timeoutMs = 30_000, everyMs = 20 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
