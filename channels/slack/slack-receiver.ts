// A bolt Receiver that lives on our restify server instead of opening its own port. It only turns a
// request into a bolt event: check the signature, answer Slack's URL check, drop deliveries it has
// already seen, acknowledge within Slack's three seconds, and hand the body to the App.
import { parse as parseQuery } from 'node:querystring';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Request, Response } from 'restify';
import type { Logger } from '../../bot/log';
import { WebhookClaims, type ClaimedDelivery, type DeliveryClaimStore } from '../shared/webhook-claim';
import { verifySlackSignature } from './verify-signature';

/** Slack gives up on a request after 3 seconds and retries it; answer a little before that. */
export const DEFAULT_ACK_DEADLINE_MS = 2500;

/** A delivery still `processing` this long after it was claimed belonged to a process that died. */
const STALE_CLAIM_MS = 10 * 60_000;

export interface SlackReceiverOptions {
  signingSecret: string;
  /** Delivery ids already seen (shared with the other webhook channels, across processes). */
  deliveries: DeliveryClaimStore;
  clock: () => Date;
  logger: Logger;
  ackDeadlineMs?: number;
}

/** The parsed body of any request Slack sends us: an Events API envelope, a command or a payload. */
export type SlackBody = Record<string, unknown>;

export type ParsedBody = { ok: true; body: SlackBody } | { ok: false; message: string };

/**
 * Slack sends JSON (Events API), `payload=<json>` (interactivity) or plain form fields (slash
 * commands), all from the same raw text the signature covers.
 */
export function parseSlackBody(rawBody: string, contentType: string): ParsedBody {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(rawBody);
      if (typeof form.payload === 'string') {
        const payload: unknown = JSON.parse(form.payload);
        if (payload && typeof payload === 'object' && !Array.isArray(payload)) return { ok: true, body: payload as SlackBody };
        return { ok: false, message: 'payload is not an object' };
      }
      const body: SlackBody = {};
      for (const [key, value] of Object.entries(form)) body[key] = Array.isArray(value) ? value[0] : value;
      return { ok: true, body };
    }
    const json: unknown = JSON.parse(rawBody);
    if (json && typeof json === 'object' && !Array.isArray(json)) return { ok: true, body: json as SlackBody };
    return { ok: false, message: 'body is not a JSON object' };
  } catch {
    return { ok: false, message: 'body could not be parsed' };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

/** Payload types bolt reads as interactivity, and so reads `user`, `team` and `view` of. */
const INTERACTIVE_TYPES: ReadonlySet<string> = new Set([
  'block_actions', 'block_suggestion', 'interactive_message', 'dialog_submission', 'dialog_suggestion',
  'workflow_step_edit', 'shortcut', 'message_action', 'view_submission', 'view_closed',
]);

/**
 * What is wrong with a signed body that bolt would trip over (it reads `user.team_id`,
 * `view.app_installed_team_id` and `'channel' in event` without looking), or null when it can be
 * handed on. Slack never sends these; a body that has them gets a 400, not a listener failure.
 */
export function slackBodyProblem(body: SlackBody): string | null {
  if (body.event !== undefined) {
    const event = body.event;
    if (!isObject(event)) return 'event is not an object';
    if (event.channel !== undefined && typeof event.channel !== 'string' && !isObject(event.channel)) return 'event.channel is neither an id nor an object';
    if (event.item !== undefined && !isObject(event.item)) return 'event.item is not an object';
    if (body.authorizations !== undefined && !(Array.isArray(body.authorizations) && body.authorizations.every(isObject))) return 'authorizations is not a list';
    return null;
  }
  if (body.command !== undefined) return null;
  const interactive = body.actions !== undefined || body.name !== undefined || (typeof body.type === 'string' && INTERACTIVE_TYPES.has(body.type));
  if (!interactive) return null;
  if (!isObject(body.user) || typeof body.user.id !== 'string') return 'user is missing';
  if (body.team !== undefined && body.team !== null && !isObject(body.team)) return 'team is not an object';
  if (body.channel !== undefined && body.channel !== null && !(isObject(body.channel) && typeof body.channel.id === 'string')) return 'channel is not an object with an id';
  if (body.message !== undefined && !isObject(body.message)) return 'message is not an object';
  if (body.container !== undefined && !isObject(body.container)) return 'container is not an object';
  if ((body.type === 'view_submission' || body.type === 'view_closed') && !isObject(body.view)) return 'view is missing';
  if (body.actions !== undefined) {
    if (!Array.isArray(body.actions)) return 'actions is not a list';
    for (const action of body.actions) {
      if (!isObject(action)) return 'an action is not an object';
      if (!isOptionalString(action.action_id) || !isOptionalString(action.value) || !isOptionalString(action.action_ts)) return 'an action has fields of the wrong type';
      if (action.text !== undefined && !(isObject(action.text) && typeof action.text.text === 'string')) return 'an action has fields of the wrong type';
    }
  }
  return null;
}

/** The id Slack repeats when it retries this delivery, or null when it has none. */
export function deliveryIdOf(body: SlackBody): string | null {
  if (typeof body.event_id === 'string' && body.event_id !== '') return `slack:event:${body.event_id}`;
  if (typeof body.trigger_id === 'string' && body.trigger_id !== '') return `slack:trigger:${body.trigger_id}`;
  return null;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function rawBodyOf(req: Request): string {
  // restify's bodyParser keeps the unparsed text on req.rawBody (JSON and form bodies alike).
  const raw: unknown = req.rawBody;
  if (typeof raw === 'string') return raw;
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  return '';
}

export class SlackReceiver implements Receiver {
  private app: App | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly deadlineMs: number;
  private readonly claims: WebhookClaims;

  constructor(private readonly options: SlackReceiverOptions) {
    this.deadlineMs = options.ackDeadlineMs ?? DEFAULT_ACK_DEADLINE_MS;
    this.claims = new WebhookClaims({
      store: options.deliveries,
      clock: options.clock,
      logger: options.logger,
      staleAfterMs: STALE_CLAIM_MS,
      // A duplicate is only acknowledged, and Slack wants that within three seconds: no waiting.
      duplicateWaitMs: 0,
      logFields: (delivery) => ({ delivery }),
      messages: {
        notRecorded: 'could not record a Slack delivery as done',
        notReleased: 'could not release a failed Slack delivery; Slack retries are dropped until the claim goes stale',
      },
    });
  }

  init(app: App): void {
    this.app = app;
  }

  /** Nothing to listen on: the restify server owns the port. */
  async start(): Promise<void> {
    return undefined;
  }

  async stop(): Promise<void> {
    await this.idle();
  }

  /** Resolves when every event already acknowledged has been processed (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async handle(req: Request, res: Response): Promise<void> {
    const { logger } = this.options;
    const rawBody = rawBodyOf(req);
    const check = verifySlackSignature(
      this.options.signingSecret,
      { timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature'), rawBody },
      this.options.clock().getTime(),
    );
    if (!check.ok) {
      logger.warn({ reason: check.reason }, 'refused a Slack request');
      res.send(401, { error: 'slack_signature_invalid', reason: check.reason });
      return;
    }

    const parsed = parseSlackBody(rawBody, req.getContentType());
    if (!parsed.ok) {
      res.send(400, { error: 'slack_bad_request', message: parsed.message });
      return;
    }
    const body = parsed.body;
    const problem = slackBodyProblem(body);
    if (problem !== null) {
      logger.warn({ problem }, 'refused a malformed Slack request');
      res.send(400, { error: 'slack_bad_request', message: 'malformed payload' });
      return;
    }
    if (body.type === 'url_verification') {
      res.send(200, { challenge: body.challenge });
      return;
    }
    if (body.ssl_check === '1') {
      res.send(200);
      return;
    }

    // Before the claim: a delivery refused here is left for Slack's retry to bring back.
    const app = this.app;
    if (!app) {
      res.send(503, { error: 'slack_not_ready', message: 'the Slack app is not initialised yet' });
      return;
    }

    const retryText = header(req, 'x-slack-retry-num');
    const retryNum = retryText === undefined ? undefined : Number.parseInt(retryText, 10);
    const deliveryId = deliveryIdOf(body);
    let claim: ClaimedDelivery | null = null;
    if (deliveryId !== null) {
      const claimed = await this.claims.claim({ messageId: deliveryId, channel: 'slack', address: '', media: [] }, this.options.clock());
      if (!claimed.claimed) {
        logger.info({ delivery: deliveryId, retryNum }, 'Slack delivery already seen; acknowledged without processing');
        res.send(200);
        return;
      }
      claim = claimed;
    }

    let acked = false;
    let markAcked: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      markAcked = resolve;
    });
    const respond = (status: number, response?: unknown): void => {
      if (acked) return;
      acked = true;
      clearTimeout(deadline);
      if (res.headersSent) return markAcked();
      if (response === undefined || response === '') res.send(status);
      else res.send(status, typeof response === 'string' ? { text: response } : response);
      markAcked();
    };
    // Whatever a listener is still doing, Slack must hear back in time or it will retry.
    const deadline = setTimeout(() => respond(200), this.deadlineMs);
    deadline.unref();

    const ack = async (response?: unknown): Promise<void> => respond(200, response);
    // Events carry nothing back: acknowledge first, so a slow turn never makes Slack retry.
    if (body.type === 'event_callback') respond(200);

    const event: ReceiverEvent = {
      body,
      ack,
      ...(retryNum !== undefined && Number.isFinite(retryNum) ? { retryNum } : {}),
      ...(header(req, 'x-slack-retry-reason') ? { retryReason: header(req, 'x-slack-retry-reason') } : {}),
    };
    // Slack is answered as soon as the listeners are done, before the delivery is recorded as done.
    const processEvent = async (): Promise<string> => {
      await app.processEvent(event);
      respond(200);
      return '';
    };
    const work = (async () => {
      // A failed delivery is given back so Slack's retry runs it; a processed one stays claimed for good.
      const outcome = claim
        ? await claim.run(processEvent)
        : await processEvent().then(
            (response) => ({ ok: true as const, response }),
            (error: unknown) => ({ ok: false as const, error }),
          );
      if (!outcome.ok) {
        logger.error({ err: outcome.error, delivery: deliveryId }, 'processing a Slack request failed');
        respond(500, { error: 'slack_processing_failed' });
      }
    })()
      .catch((err: unknown) => logger.error({ err, delivery: deliveryId }, 'finishing a Slack request failed'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
    await answered;
  }
}
