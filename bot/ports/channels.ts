// What the channels give the core and what they get back. The composition root builds each
// channel's senders and consoles first, hands them to the core at construction, then mounts each
// channel's routes with the narrow part of the core it needs: nothing is registered afterwards.
import type { BotAdapter, TurnContext } from 'botbuilder';
import type { StaffConsole } from './handoff';
import type { OnCallNotifier } from './norms';
import type { ChannelSender } from './outbound';
import type { StaffNotices } from './staff-notices';

/** Every channel's contribution to the core, all optional: a business may run on SMS alone. */
export interface ChannelParts {
  /** Channel id -> the sender that reaches clients there outside a turn; `*` for every channel without its own. */
  senders?: Iterable<readonly [string, ChannelSender]>;
  /** Where staff see and take the handoff queue. */
  staffConsole?: StaffConsole;
  /** Where staff hear of a client running late. */
  staffNotices?: StaffNotices;
  /** Ways to reach the person on call, at once. */
  onCallNotifiers?: readonly OnCallNotifier[];
}

/** What every channel needs to run a turn: the bot's middleware on its adapter, and the turn handler. */
export interface TurnHost {
  attach<A extends BotAdapter>(adapter: A): A;
  handle(context: TurnContext): Promise<void>;
}

/** Gathers several channels' parts into one: senders in order (a later channel's sender for the same id wins). */
export function joinChannelParts(...parts: ReadonlyArray<ChannelParts | null>): ChannelParts {
  const senders = new Map<string, ChannelSender>();
  const onCallNotifiers: OnCallNotifier[] = [];
  let staffConsole: StaffConsole | undefined;
  let staffNotices: StaffNotices | undefined;
  for (const part of parts) {
    if (!part) continue;
    for (const [channel, sender] of part.senders ?? []) senders.set(channel, sender);
    for (const notifier of part.onCallNotifiers ?? []) {
      if (!onCallNotifiers.some((n) => n.channel === notifier.channel)) onCallNotifiers.push(notifier);
    }
    staffConsole = part.staffConsole ?? staffConsole;
    staffNotices = part.staffNotices ?? staffNotices;
  }
  return { senders, staffConsole, staffNotices, onCallNotifiers };
}
