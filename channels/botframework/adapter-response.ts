// CloudAdapter.process writes its own HTTP answers, and on failure it writes the exception's message
// as the body (a metadata URL, "endpoint.toLowerCase is not a function"). The route hands it a
// stand-in response instead and writes the real one from what was captured: successes as they are,
// failures as a status and a generic body.
import type { Response } from 'restify';
import type { Logger } from '../../bot/log';
import { authFailureReason, type AuthFailureReason } from './inbound-auth';

export interface CapturedAnswer {
  status: number;
  body: unknown;
}

/** What CloudAdapter.process needs of a response (botbuilder checks for the four functions). */
export interface CapturingResponse {
  /** Only read on the web socket path, which this route never takes. */
  socket: null;
  status(code: number): void;
  header(name: string, value: unknown): void;
  send(body?: unknown): void;
  end(): void;
}

/** A response that records the status and body CloudAdapter.process gives it. */
export function captureResponse(): { response: CapturingResponse; captured(): CapturedAnswer | null } {
  let status: number | null = null;
  let body: unknown;
  return {
    response: {
      socket: null,
      status: (code) => {
        status = code;
      },
      header: () => undefined,
      send: (sent) => {
        body = sent;
      },
      end: () => undefined,
    },
    captured: () => (status === null ? null : { status, body }),
  };
}

export const BAD_REQUEST_BODY = { error: 'frontdesk_bad_request', message: 'malformed activity' } as const;
export const UNAUTHORIZED_BODY = { error: 'frontdesk_unauthorized', message: 'the request is not authorized' } as const;
export const FORBIDDEN_BODY = { error: 'frontdesk_forbidden', message: 'the token is not for this bot' } as const;
export const INTERNAL_ERROR_BODY = { error: 'frontdesk_internal_error', message: 'the activity could not be processed' } as const;

export type RouteAnswer =
  | { kind: 'pass'; status: number; body: unknown }
  | { kind: 'unauthorized'; reason: AuthFailureReason | 'unknown' }
  | { kind: 'bad_request' }
  | { kind: 'failed'; status: number; detail: string };

/** What the route should answer for what CloudAdapter.process wrote (null: it wrote nothing). */
export function classifyAnswer(captured: CapturedAnswer | null): RouteAnswer {
  if (captured === null) return { kind: 'failed', status: 0, detail: 'no answer' };
  const { status, body } = captured;
  if (status < 400) return { kind: 'pass', status, body };
  if (status === 401) return { kind: 'unauthorized', reason: authFailureReason(body) ?? 'unknown' };
  if (status === 400) return { kind: 'bad_request' };
  // The bot's own refusal of a well-formed activity (an invoke it has no handler for) is the caller's to read.
  if (status < 500) return { kind: 'pass', status, body: { error: 'frontdesk_refused', message: 'the bot does not handle this activity' } };
  return { kind: 'failed', status, detail: typeof body === 'string' ? body : JSON.stringify(body ?? null) };
}

/** A refusal with a generic body; a 401 names the scheme the caller should use, as HTTP asks. */
export function sendRefusal(res: Response, status: 400 | 401 | 403): void {
  if (status === 401) res.header('WWW-Authenticate', 'Bearer');
  res.send(status, status === 400 ? BAD_REQUEST_BODY : status === 401 ? UNAUTHORIZED_BODY : FORBIDDEN_BODY);
}

/** Writes the route's answer for what the adapter did, logging the failures (never into the body). */
export function sendAdapterAnswer(res: Response, answer: RouteAnswer, logger: Logger): void {
  switch (answer.kind) {
    case 'pass':
      if (answer.body === undefined) res.send(answer.status);
      else res.send(answer.status, answer.body);
      return;
    case 'unauthorized':
      // A token nobody could check (Microsoft's keys out of reach) is the operator's problem, not the caller's.
      if (answer.reason === 'keys_unavailable' || answer.reason === 'keys_timeout') logger.error({ reason: answer.reason }, 'could not check a Bot Framework token');
      else logger.warn({ reason: answer.reason }, 'refused a Bot Framework request');
      sendRefusal(res, 401);
      return;
    case 'bad_request':
      logger.info('the adapter refused an activity');
      sendRefusal(res, 400);
      return;
    case 'failed':
      logger.error({ status: answer.status, detail: answer.detail }, 'processing an activity failed');
      res.send(500, INTERNAL_ERROR_BODY);
  }
}
