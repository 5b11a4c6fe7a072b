// The one rule for how long a send may take. A host that accepts the connection and never answers
// (a dead Bot Framework serviceUrl, a hung proxy in front of Twilio or Slack) must not hold a send,
// a slot in the outbound queue or a client's turn for longer than the send timeout (SEND_TIMEOUT_MS).
import type { SendResult } from '../ports/outbound';

/** The SendResult code of a send that got no answer in time, whoever noticed first. */
export const SEND_TIMEOUT_CODE = 'timeout';

/** A send with no answer within the timeout: it may have been lost on the way, so it is worth another try. */
export function sendTimedOut(timeoutMs: number): SendResult {
  return { ok: false, code: SEND_TIMEOUT_CODE, retryable: true, message: `no answer within ${timeoutMs} ms` };
}

export type Deadlined<T> = { timedOut: false; value: T } | { timedOut: true; timeoutMs: number };

/**
 * Runs one send with the deadline. `call` gets a signal that aborts at the deadline, for clients
 * that take one (fetch), so the request itself ends; the answer is `timedOut` at the deadline even
 * when the call ignores the signal. A late result of an abandoned call is dropped here, so nothing
 * downstream can record it; a late failure is swallowed rather than left unhandled.
 */
export async function withSendTimeout<T>(timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<Deadlined<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Deadlined<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`frontdesk_send_timeout: no answer within ${timeoutMs} ms`));
      resolve({ timedOut: true, timeoutMs });
    }, timeoutMs);
  });
  const work = call(controller.signal);
  try {
    return await Promise.race([work.then((value): Deadlined<T> => ({ timedOut: false, value })), deadline]);
  } catch (error) {
    // The client gave up because the signal aborted it: that is the deadline, not another failure.
    if (controller.signal.aborted) return { timedOut: true, timeoutMs };
    throw error;
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
  }
}

/**
 * True when a provider client ended a request because its own copy of the send timeout ran out:
 * fetch's and Azure's AbortError, Node's TimeoutError, axios's ECONNABORTED (the Slack Web API).
 */
export function isTimeoutError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return true;
  const original = (error as { original?: unknown }).original;
  return original !== undefined && original !== error && isTimeoutError(original);
}
