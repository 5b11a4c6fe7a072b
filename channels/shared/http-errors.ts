// restify answers the errors it meets itself (a body that is not JSON, one over the size cap, an
// unknown route, a handler that threw) with the error's own message: a JSON parser's complaint that
// quotes the body back, or an exception's text. Every such answer gets a short generic body instead,
// one per status, and the failures that are ours are logged.
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../bot/log';

export interface ErrorBody {
  error: string;
  message: string;
}

/** The body for an error status; the caller learns what kind of refusal it was, nothing more. */
export function genericErrorBody(status: number): ErrorBody {
  switch (status) {
    case 400:
      return { error: 'frontdesk_bad_request', message: 'malformed request' };
    case 404:
      return { error: 'frontdesk_not_found', message: 'no such route' };
    case 405:
      return { error: 'frontdesk_method_not_allowed', message: 'method not allowed on this route' };
    case 413:
      return { error: 'frontdesk_payload_too_large', message: 'request body too large' };
    case 415:
      return { error: 'frontdesk_unsupported_media_type', message: 'unsupported content type' };
    default:
      return status < 500
        ? { error: 'frontdesk_bad_request', message: 'request refused' }
        : { error: 'frontdesk_internal_error', message: 'the request could not be processed' };
  }
}

function statusOf(err: unknown): number {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
}

/** Answers every error restify would answer itself with a generic body (restify skips a response already sent). */
export function useGenericErrorBodies(server: Server, logger: Logger): void {
  server.on('restifyError', (req: Request, res: Response, err: unknown, callback: () => void) => {
    const status = statusOf(err);
    if (status >= 500) logger.error({ err, route: req.getPath() }, 'request failed');
    else logger.debug({ status, route: req.getPath() }, 'request refused');
    if (!res.headersSent) res.send(status, genericErrorBody(status));
    callback();
  });
}
