// The bot: one ActivityHandler for every channel. Messages go to the main dialog; state is saved
// at the end of each turn.
import { ActivityHandler, type ConversationState, type InvokeResponse, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Business } from './domain/types';
import type { Texts } from './text/en';
import type { MainDialog, RouterMemory } from '../dialogs/main-dialog';

/** Members of one update looked at for a newcomer: the bot and its user come first in every real channel. */
export const MEMBERS_LOOKED_AT = 3;

export class FrontdeskBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly memory: StatePropertyAccessor<RouterMemory>;

  constructor(
    private readonly conversationState: ConversationState,
    dialog: MainDialog,
    business: Business,
    texts: Texts,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.memory = conversationState.createProperty<RouterMemory>('router');

    this.onMessage(async (context, next) => {
      await dialog.run(context, this.dialogState, this.memory);
      await next();
    });

    // One greeting per conversation update, however many members it names: a request carrying
    // thousands of members must not become thousands of calls to its serviceUrl.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const someoneJoined = (context.activity.membersAdded ?? []).slice(0, MEMBERS_LOOKED_AT).some((member) => member.id !== botId);
      if (someoneJoined) await context.sendActivity(texts.greeting(business));
      await next();
    });
  }

  /**
   * The bot offers no cards or sign-in that would send invokes, so every invoke gets a 404 rather
   * than botbuilder's own answers (a 501, or an exception for a value of the wrong shape).
   */
  protected override async onInvokeActivity(_context: TurnContext): Promise<InvokeResponse> {
    return { status: 404, body: { error: 'frontdesk_unknown_invoke', message: 'this bot handles no invokes' } };
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}
