// Who may post to /api/messages, decided before the body is read as an activity. Without a
// MicrosoftAppId nothing proves who is calling, so the endpoint serves this machine only (the
// server listens on loopback too; this is the second line). And whatever the caller, an activity
// naming a serviceUrl off the allow-list is refused: the bot would post its replies there.
import type { Next, Request, Response } from 'restify';
import { isLoopback, SERVICE_URL_REFUSED, type ServiceUrlRule } from '../../bot/config/service-urls';
import type { Settings } from '../../bot/config/settings';
import type { Logger } from '../../bot/log';

export const ANONYMOUS_REMOTE_REFUSED = 'frontdesk_anonymous_remote_refused';

export type CallerVerdict = { ok: true } | { ok: false; status: 403; error: string; message: string };

export interface CallerFacts {
  /** The socket's remote address. */
  remoteAddress: string | undefined;
  /** The posted body, as parsed; only its serviceUrl is read here. */
  body: unknown;
}

/** A serviceUrl that could be called; anything else is malformed, for the shape check to answer. */
function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * The verdict on one request. A body that is not an activity, or a serviceUrl that is no http(s)
 * URL, passes: the route's shape check answers those with a 400 (and the adapter would refuse
 * to call them anyway).
 */
export function judgeCaller(
  settings: Pick<Settings, 'microsoftAppId' | 'anonymousAccess'>,
  serviceUrls: ServiceUrlRule,
  facts: CallerFacts,
): CallerVerdict {
  if (settings.microsoftAppId === null && settings.anonymousAccess !== 'remote' && !isLoopback(facts.remoteAddress ?? '')) {
    return {
      ok: false,
      status: 403,
      error: ANONYMOUS_REMOTE_REFUSED,
      message: 'without MicrosoftAppId this endpoint answers requests from this machine only',
    };
  }
  const serviceUrl = facts.body !== null && typeof facts.body === 'object' ? (facts.body as { serviceUrl?: unknown }).serviceUrl : undefined;
  if (isHttpUrl(serviceUrl) && !serviceUrls.allows(serviceUrl)) {
    return {
      ok: false,
      status: 403,
      error: SERVICE_URL_REFUSED,
      message:
        serviceUrls.mode === 'loopback'
          ? 'without MicrosoftAppId the serviceUrl must be on this machine (localhost, 127.0.0.1, ::1)'
          : "the serviceUrl is not one of Bot Framework's hosts or BOT_SERVICE_URL_HOSTS",
    };
  }
  return { ok: true };
}

/** The verdict as a restify handler, mounted ahead of the /api/messages route. */
export function callerGate(settings: Pick<Settings, 'microsoftAppId' | 'anonymousAccess'>, serviceUrls: ServiceUrlRule, logger: Logger) {
  return (req: Request, res: Response, next: Next): void => {
    const verdict = judgeCaller(settings, serviceUrls, { remoteAddress: req.socket?.remoteAddress, body: req.body });
    if (verdict.ok) {
      next();
      return;
    }
    logger.warn({ reason: verdict.error }, 'refused a Bot Framework request');
    res.send(verdict.status, { error: verdict.error, message: verdict.message });
    next(false);
  };
}
