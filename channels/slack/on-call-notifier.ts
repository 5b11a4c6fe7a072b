// The person on call, woken by a direct message from the app: chat.postMessage to their user id
// opens the DM. Needs only the bot token, so it works without the staff console.
import type { OnCallEntry } from '../../bot/domain/types';
import type { Logger } from '../../bot/log';
import type { NotifyResult, OnCallNotifier } from '../../bot/ports/norms';

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
