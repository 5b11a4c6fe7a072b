// Twilio's Messages API over fetch. Every call goes to one base URL (TWILIO_API_URL, by default
// https://api.twilio.com), so tests and demos can point the whole client at a local capture server.
// Expected failures (an opted-out number, a bad number, rate limits, the network) come back as
// values carrying Twilio's error code; only programming errors throw. A call that gets no answer
// within the send timeout is abandoned and comes back as 'timeout', worth another try.
import { DEFAULT_SEND_TIMEOUT_MS } from '../../bot/config/settings';
import { SEND_TIMEOUT_CODE, withSendTimeout } from '../../bot/services/send-timeout';

export const DEFAULT_TWILIO_API_URL = 'https://api.twilio.com';

export interface TwilioMessagesClientOptions {
  accountSid: string;
  authToken: string;
  /** Base URL without trailing slash. */
  apiUrl?: string;
  /** The send timeout (SEND_TIMEOUT_MS): for the whole call, answer and body. */
  timeoutMs?: number;
}

/** Parameters of a Messages create call; a list repeats the name (MediaUrl). */
export type CreateMessageParams = Record<string, string | string[] | undefined>;

export type CreateMessageResult =
  | { ok: true; sid: string; status: string; numSegments: number | null }
  | { ok: false; code: string; httpStatus: number | null; retryable: boolean; message: string };

interface TwilioMessageResource {
  sid?: string;
  status?: string;
  num_segments?: string | number | null;
}

interface TwilioErrorResource {
  code?: number | string;
  message?: string;
}

// Twilio codes worth trying again later: too many requests, queue overflow, and the carrier or
// Twilio itself failing for a moment.
const RETRYABLE_CODES = new Set(['20429', '20500', '20503', '30001', '30008', '30022']);

export class TwilioMessagesClient {
  private readonly url: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(options: TwilioMessagesClientOptions) {
    const base = (options.apiUrl ?? DEFAULT_TWILIO_API_URL).replace(/\/+$/, '');
    this.url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  }

  async createMessage(params: CreateMessageParams): Promise<CreateMessageResult> {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    }
    let answer: { response: Response; payload: unknown };
    try {
      const outcome = await withSendTimeout(this.timeoutMs, async (signal) => {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: {
            authorization: this.authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form.toString(),
          signal,
        });
        // Read under the same deadline: headers followed by a body that never ends is no answer either.
        const payload: unknown = await response.json().catch((error: unknown) => {
          if (signal.aborted) throw error;
          return null;
        });
        return { response, payload };
      });
      if (outcome.timedOut) {
        return { ok: false, code: SEND_TIMEOUT_CODE, httpStatus: null, retryable: true, message: `Twilio did not answer within ${outcome.timeoutMs} ms` };
      }
      answer = outcome.value;
    } catch (error) {
      return { ok: false, code: 'network', httpStatus: null, retryable: true, message: `Twilio could not be reached: ${errorMessage(error)}` };
    }

    const { response, payload } = answer;
    if (response.ok) {
      const resource = (payload ?? {}) as TwilioMessageResource;
      if (typeof resource.sid !== 'string') {
        return { ok: false, code: 'bad_response', httpStatus: response.status, retryable: true, message: 'Twilio answered without a message sid' };
      }
      const segments = Number(resource.num_segments);
      return {
        ok: true,
        sid: resource.sid,
        status: resource.status ?? 'queued',
        numSegments: Number.isInteger(segments) && segments > 0 ? segments : null,
      };
    }
    const error = (payload ?? {}) as TwilioErrorResource;
    const code = error.code !== undefined ? String(error.code) : `http_${response.status}`;
    return {
      ok: false,
      code,
      httpStatus: response.status,
      retryable: response.status === 429 || response.status >= 500 || RETRYABLE_CODES.has(code),
      message: error.message ?? `Twilio answered ${response.status}`,
    };
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
  return String(error);
}
