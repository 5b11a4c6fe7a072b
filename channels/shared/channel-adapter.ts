// What every Frontdesk channel adapter (SMS, Slack, terminal) does the same way: resuming a saved
// conversation for a proactive message runs the middleware and the logic in a context made from the
// reference, and whatever the logic sends goes out through the adapter's own sendActivities.
import { ActivityTypes, BotAdapter, TurnContext, type ConversationReference } from 'botbuilder';

export abstract class ChannelAdapter extends BotAdapter {
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  // The app id / claims identity matter only to Bot Framework's multi-tenant CloudAdapter; here
  // every overload resumes the conversation the same way.
  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: string | ((context: TurnContext) => Promise<void>),
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new Error('frontdesk_adapter_bad_call: continueConversationAsync needs a logic function');
    await this.continueConversation(reference, logic);
  }
}
