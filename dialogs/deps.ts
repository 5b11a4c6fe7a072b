// What every dialog needs, handed in through constructors by bot/index.ts.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Business } from '../bot/domain/types';
import type { Metrics, UnderstandingMiss } from '../bot/ports/metrics';
import type { CallbackStore, ClientStore } from '../bot/ports/stores';
import type { FaqAnswers } from '../bot/services/faq-answers';
import type { HandoffService } from '../bot/services/handoff-service';
import type { NormsService } from '../bot/services/norms-service';
import type { SchedulingService } from '../bot/services/scheduling-service';
import type { ReminderService } from '../bot/services/reminder-service';
import type { Texts } from '../bot/text/en';
import type { Expectation } from '../bot/understanding/types';

export interface DialogDeps {
  business: Business;
  scheduling: SchedulingService;
  clients: ClientStore;
  callbacks: CallbackStore;
  texts: Texts;
  /** The current time; pinned in tests. */
  clock: () => Date;
  /** What the bot waits for: each step that asks a question states it, and the next message is read with it. */
  expecting: StatePropertyAccessor<Expectation | null>;
  /** The take-a-number queue for talking to a person. */
  handoff: HandoffService;
  /** Reminders sent to the client, for reading "C", "R", "X" or "running late" as replies to one. */
  reminders?: ReminderService;
  /** Notes the channel a client booked on: proactive messages go there unless they say otherwise. */
  rememberBookingChannel?: (clientId: string, channel: string, now: Date) => Promise<void>;
  /** Answers to questions about the business, computed from its config. */
  answers: FaqAnswers;
  /** Hours, once-only notices and urgent messages. */
  norms: NormsService;
  /** Counts what the bot could not understand (GET /metrics). */
  metrics?: Pick<Metrics, 'understandingMiss'>;
}

/** Counts a turn the bot could not understand, by what it did about it. */
export function countMiss(deps: DialogDeps, context: TurnContext, why: UnderstandingMiss): void {
  deps.metrics?.understandingMiss(String(context.activity.channelId ?? 'unknown'), why);
}

/** States what the question being asked waits for; the next message is read in its light. */
export async function expect(deps: DialogDeps, context: TurnContext, expectation: Expectation | null): Promise<void> {
  await deps.expecting.set(context, expectation);
}
