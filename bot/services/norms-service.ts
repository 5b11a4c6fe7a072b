// The owner's norms at a given `now`: whether we are open, the once-only notices (first contact,
// after hours once per conversation per closed period), and urgent messages (on call after hours,
// the front of the line in open hours). Plain TypeScript: dialogs call it and say what it returns.
import { closedPeriodKey, hoursContextAt, onCallAt, type HoursContext } from '../domain/norms';
import type { Business } from '../domain/types';
import type { Logger } from '../log';
import type { NoticeLog, OnCallNotifier, UrgentAlertLog, UrgentOutcome } from '../ports/norms';
import type { CallbackStore } from '../ports/stores';
import type { Texts } from '../text/en';
import type { HandoffService } from './handoff-service';

export interface NormsServiceDeps {
  business: Business;
  notices: NoticeLog;
  alerts: UrgentAlertLog;
  callbacks: CallbackStore;
  /** The take-a-number queue; without it, requests for a person become callback requests. */
  handoff: HandoffService | null;
  notifiers: OnCallNotifier[];
  texts: Texts;
  logger: Logger;
}

/** Who sent an urgent message, and where from. */
export interface UrgentSender {
  clientId: string;
  /** How the on-call person can tell who it is: a name and an address to reach them. */
  label: string;
  channel: string;
  conversationId: string;
}

export interface UrgentResult {
  /** What to tell the client; null when the front-of-line step has told them already. */
  reply: string | null;
  outcome: UrgentOutcome;
}

/**
 * Puts the sender at the front of the line and tells them: `said` (the urgent wording) and, when
 * the line is closed, whether to add when someone will text (false: `said` already says so).
 * Dialogs pass one that goes through the same queue entry as every other request for a person.
 */
export type FrontOfLine = (said: string, closedNotice: boolean) => Promise<'queued' | 'callback'>;

export class NormsService {
  private readonly notifiers: OnCallNotifier[];

  constructor(private readonly deps: NormsServiceDeps) {
    this.notifiers = [...deps.notifiers];
  }

  hoursAt(now: Date): HoursContext {
    return hoursContextAt(this.deps.business, now.getTime());
  }

  /** "Tuesday at 9:00 AM" for the next opening after `now`, or null. */
  openingText(hours: HoursContext, now: Date): string | null {
    return hours.opensAt === null ? null : this.deps.texts.opening(hours.opensAt, now.getTime(), this.deps.business.zone);
  }

  /** The first-contact notice, the first time this client is seen; null after (or when none is set). */
  async firstContactNotice(clientId: string, now: Date): Promise<string | null> {
    const text = this.deps.business.norms?.firstContact ?? '';
    if (text === '') return null;
    return (await this.deps.notices.claim(`first-contact:${clientId}`, now)) ? text : null;
  }

  /** The after-hours notice, once per conversation per closed period; null while open or once said. */
  async afterHoursNotice(conversationKey: string, hours: HoursContext, now: Date): Promise<string | null> {
    if (hours.open) return null;
    const key = `after-hours:${conversationKey}:${closedPeriodKey(hours)}`;
    return (await this.deps.notices.claim(key, now)) ? this.deps.texts.afterHoursNotice(this.openingText(hours, now)) : null;
  }

  /**
   * Notes that the client was told in other words that we are closed and when we open (an hours
   * answer, the line's after-hours reply), so the notice is not said again in this closed period.
   */
  async afterHoursToldOtherwise(conversationKey: string, hours: HoursContext, now: Date): Promise<void> {
    if (hours.open) return;
    await this.deps.notices.claim(`after-hours:${conversationKey}:${closedPeriodKey(hours)}`, now);
  }

  /**
   * An urgent message: after hours the person on call is alerted on every way they can be reached;
   * in open hours (or when no one could be reached) it goes to the front of the line. Each is recorded.
   * Without `frontOfLine` the sender is queued directly (or a callback is recorded) and the reply returned.
   */
  async handleUrgent(sender: UrgentSender, text: string, keyword: string, now: Date, frontOfLine?: FrontOfLine): Promise<UrgentResult> {
    const { business, texts } = this.deps;
    const hours = this.hoursAt(now);
    const record = async (outcome: UrgentOutcome, onCallName: string | null, notified: string[]) => {
      await this.deps.alerts.record(
        { clientId: sender.clientId, keyword, text: text.slice(0, 500), openNow: hours.open, onCallName, notified, outcome },
        now,
      );
      this.deps.logger.info({ outcome, notified, open: hours.open }, 'urgent message handled');
    };

    const toFront = async (said: string, closedNotice: boolean): Promise<{ reply: string | null; queued: UrgentOutcome }> =>
      frontOfLine ? { reply: null, queued: await frontOfLine(said, closedNotice) } : { reply: said, queued: await this.frontOfLine(sender, text, now) };

    if (hours.open) {
      const { reply, queued } = await toFront(texts.urgentInHours(business), true);
      await record(queued, null, []);
      return { reply, outcome: queued };
    }

    const entry = onCallAt(business, now.getTime());
    if (entry) {
      const message = texts.onCallAlert(business, sender.label, text.slice(0, 300));
      const reached: string[] = [];
      for (const notifier of this.notifiers) {
        if (!notifier.reaches(entry)) continue;
        const result = await notifier.notify(entry, message);
        if (result.ok) reached.push(notifier.channel);
      }
      if (reached.length > 0) {
        await record('on_call_notified', entry.name, reached);
        return { reply: texts.urgentOnCallAlerted(entry.name), outcome: 'on_call_notified' };
      }
    }
    // Nobody on shift, or nobody reachable: first in line at opening, and the client is told so.
    const { reply } = await toFront(texts.urgentNobodyReached(this.openingText(hours, now), business), false);
    const outcome: UrgentOutcome = entry ? 'on_call_unreachable' : 'no_one_on_call';
    await record(outcome, entry?.name ?? null, []);
    return { reply, outcome };
  }

  private async frontOfLine(sender: UrgentSender, text: string, now: Date): Promise<UrgentOutcome> {
    if (this.deps.handoff) {
      await this.deps.handoff.request(
        { clientId: sender.clientId, channel: sender.channel, conversationId: sender.conversationId, reason: 'urgent', urgent: true, text },
        now,
      );
      return 'queued';
    }
    await this.deps.callbacks.add({ clientId: sender.clientId, reason: 'urgent', text: text.slice(0, 500) }, now);
    return 'callback';
  }
}
