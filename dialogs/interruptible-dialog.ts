// Interruptions handled once for every flow: "never mind" / "start over", "help", and "talk to a
// person" work at any step of booking, moving or cancelling.
import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { DialogDeps } from './deps';
import { enterQueue } from './handoff';
import { isAbandon, isBareCancel } from './replies';
import { KEYWORD_HELP_SENT } from '../bot/middleware/consent';

export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly deps: DialogDeps,
  ) {
    super(id);
  }

  /** Whether a bare "cancel" ends this flow (true except where "cancel" answers the question). */
  protected bareCancelAbandons(_dc: DialogContext): boolean {
    return true;
  }

  override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const result = await this.interrupt(innerDc);
    if (result) return result;
    return super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = innerDc.context.activity;
    if (activity.type !== ActivityTypes.Message || typeof activity.text !== 'string') return undefined;
    const text = activity.text.trim();
    const { texts, business } = this.deps;
    if (isAbandon(text) || (isBareCancel(text) && this.bareCancelAbandons(innerDc))) {
      await innerDc.context.sendActivity(texts.cancelledFlow());
      return innerDc.cancelAllDialogs(true);
    }
    const reading = this.deps.understand(text, { now: this.deps.clock(), business });
    if (reading.intent === 'help' && isShort(text)) {
      // On a text line the consent middleware has already given the carrier HELP answer.
      if (!innerDc.context.turnState.get(KEYWORD_HELP_SENT)) await innerDc.context.sendActivity(texts.help(business));
      // Re-ask the question that was pending.
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    if (reading.intent === 'human') {
      // The flow in progress ends: from here on a person answers, and the bot stays quiet.
      await innerDc.cancelAllDialogs(true);
      await enterQueue(innerDc.context, this.deps, { reason: reading.staff ? 'named_staff' : 'asked_for_person' });
      return { status: DialogTurnStatus.complete };
    }
    return undefined;
  }
}

/** "help" or "what can you do?" interrupts; a long sentence that mentions help is an answer. */
function isShort(text: string): boolean {
  return text.split(/\s+/).length <= 5;
}
