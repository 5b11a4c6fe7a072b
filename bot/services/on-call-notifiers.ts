// The two ways of waking the person on call: a Slack direct message (chat.postMessage to their
// user id, which opens the DM) and a text message through the Twilio channel's MessageSender.
import type { OnCallEntry } from '../domain/types';
import type { Logger } from '../log';
import type { ConsentStore } from '../ports/consent';
import type { NotifyResult, OnCallNotifier } from '../ports/norms';
import type { MessageSender } from '../ports/outbound';

export interface SlackNotifierOptions {
  token: string;
  /** Slack Web API base URL without trailing slash (https://slack.com/api, or a capture server). */
  apiUrl: string;
  logger: Logger;
  /** Gives up on a Slack call after this long; an alert must not hang the client's turn. */
  timeoutMs?: number;
}

export class SlackOnCallNotifier implements OnCallNotifier {
  readonly channel = 'slack' as const;

  constructor(private readonly options: SlackNotifierOptions) {}

  reaches(entry: OnCallEntry): boolean {
    return entry.slackUserId !== null;
  }

  async notify(entry: OnCallEntry, text: string): Promise<NotifyResult> {
    if (entry.slackUserId === null) return { ok: false, reason: 'no_slack_user' };
    try {
      const res = await fetch(`${this.options.apiUrl}/chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${this.options.token}` },
        body: JSON.stringify({ channel: entry.slackUserId, text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      // Slack answers 200 with { ok: false, error } for most failures.
      const body = (await res.json().catch(() => null)) as { ok?: boolean; error?: string } | null;
      if (res.ok && body?.ok === true) return { ok: true };
      const reason = body?.error ?? `http_${res.status}`;
      this.options.logger.warn({ reason }, 'on-call Slack message failed');
      return { ok: false, reason };
    } catch (err) {
      this.options.logger.warn({ err }, 'on-call Slack message could not be sent');
      return { ok: false, reason: 'network' };
    }
  }
}

export class SmsOnCallNotifier implements OnCallNotifier {
  readonly channel = 'sms' as const;

  constructor(
    private readonly sender: MessageSender,
    private readonly logger: Logger,
    private readonly consent: Pick<ConsentStore, 'isOptedOut'>,
  ) {}

  reaches(entry: OnCallEntry): boolean {
    return entry.phone !== null;
  }

  async notify(entry: OnCallEntry, text: string): Promise<NotifyResult> {
    if (entry.phone === null) return { ok: false, reason: 'no_phone' };
    // Staff numbers opt out like anyone's (STOP to the business line); the alert then goes only where else it can.
    if (await this.consent.isOptedOut(entry.phone)) return { ok: false, reason: 'opted_out' };
    const result = await this.sender.send({ to: entry.phone, channel: 'sms', text, kind: 'on_call_alert' });
    if (result.ok) return { ok: true };
    this.logger.warn({ code: result.code }, 'on-call text failed');
    return { ok: false, reason: result.code };
  }
}
