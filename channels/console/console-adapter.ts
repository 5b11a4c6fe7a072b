// Terminal chat: talk to the bot as a client, through the same middleware, dialogs and store.
import {
  ActivityTypes,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';
import * as readline from 'node:readline';
import { provenFrom } from '../../bot/middleware/identity';
import { proveIdentity } from '../../bot/turn-state';
import { ChannelAdapter } from '../shared/channel-adapter';

export interface ConsoleAdapterOptions {
  /**
   * Who the client is: a name or a phone number. The operator runs the terminal chat on the
   * machine itself, so a number given here is taken as proven: `--as +1555…` is that SMS client.
   */
  as: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export class ConsoleAdapter extends ChannelAdapter {
  private readonly reference: ConversationReference;
  private readonly output: NodeJS.WritableStream;
  private readonly input: NodeJS.ReadableStream;
  private readonly as: string;

  constructor(options: ConsoleAdapterOptions) {
    super();
    this.as = options.as;
    this.input = options.input ?? process.stdin;
    this.output = options.output ?? process.stdout;
    this.reference = {
      channelId: 'console',
      serviceUrl: '',
      user: { id: options.as, name: options.as },
      bot: { id: 'frontdesk', name: 'Frontdesk' },
      conversation: { id: `console:${options.as}`, isGroup: false, name: 'terminal', conversationType: 'personal' },
    };
  }

  /** Reads lines until the input ends, running one turn a line, in order. */
  async listen(logic: (context: TurnContext) => Promise<void>, prompt = 'you> '): Promise<void> {
    const rl = readline.createInterface({ input: this.input, terminal: false });
    const interactive = Boolean((this.input as NodeJS.ReadStream).isTTY);
    if (interactive) this.output.write(prompt);
    for await (const line of rl) {
      await this.receive(line, logic);
      if (interactive) this.output.write(prompt);
    }
  }

  /** Runs one turn for a line of text. */
  async receive(text: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: Partial<Activity> = {
      ...TurnContext.applyConversationReference({ type: ActivityTypes.Message, text }, this.reference, true),
      id: randomUUID(),
      timestamp: new Date(),
      from: this.reference.user,
      recipient: this.reference.bot,
    };
    const context = new TurnContext(this, activity);
    proveIdentity(context, provenFrom(this.reference.channelId, this.as));
    await this.runMiddleware(context, logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Message && activity.text) {
        this.output.write(`bot> ${activity.text.replace(/\n/g, '\n     ')}\n`);
      }
      responses.push({ id: randomUUID() });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('frontdesk_console_unsupported: the terminal cannot edit a sent message');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('frontdesk_console_unsupported: the terminal cannot delete a sent message');
  }
}
