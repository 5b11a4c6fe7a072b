// Everything the Slack console says to staff, in one place (client-facing wording is in bot/text).
// Slack mrkdwn: `<@U123>` mentions a user, `<!date^…>` renders an instant in each reader's own zone.

/** Client text shown in mrkdwn: Slack requires &, < and > escaped, or they become links/mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An instant as Slack shows it to each reader in their own time zone. */
export function slackTime(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${iso}>`;
}

const ORDINAL_SUFFIX: Record<number, string> = { 1: 'st', 2: 'nd', 3: 'rd' };

const REASONS: Record<string, string> = {
  asked_for_person: 'asked for a person',
  not_understood: 'the assistant did not understand twice',
  faq_miss: 'a question the assistant could not answer',
  complaint: 'a complaint',
  named_staff: 'asked for a staff member by name',
  urgent: 'urgent',
};

export const slackText = {
  reason: (reason: string) => REASONS[reason] ?? reason.replace(/_/g, ' '),
  ordinal: (n: number) => {
    const tens = n % 100;
    if (tens >= 11 && tens <= 13) return `${n}th`;
    return `${n}${ORDINAL_SUFFIX[n % 10] ?? 'th'}`;
  },
  minutes: (m: number) => (m === 1 ? '1 min' : `${m} min`),

  cardFallback: (number: number, who: string, channel: string, reason: string) =>
    `New conversation #${number}: ${who} on ${channel} (${reason})`,
  cardTitle: (number: number, who: string, urgent: boolean) => `${urgent ? '🚨 ' : ''}#${number} · ${who}`,
  unknownClient: 'Unnamed client',
  placeInLine: (position: number, estimateMinutes: number | null) =>
    estimateMinutes === null ? slackText.ordinal(position) : `${slackText.ordinal(position)} (about ${slackText.minutes(estimateMinutes)})`,
  waitingSince: (iso: string) => `Waiting since ${slackTime(iso)}`,
  claimedBy: (staffId: string) => `Claimed by <@${staffId}> — reply in this thread to talk to the client. Start with \`note:\` to keep a reply internal.`,
  closed: (state: string, by: string | null) => {
    switch (state) {
      case 'resolved':
        return by && by !== 'system' ? `Resolved by <@${by}>. The assistant is back with the client.` : 'Resolved. The assistant is back with the client.';
      case 'abandoned':
        return 'The client left the line (or the conversation went back to the assistant).';
      case 'timed_out':
        return 'Nobody picked this up in time; the client was told and the assistant took over again.';
      default:
        return state;
    }
  },
  claimButton: 'Claim',
  resolveButton: 'Resolve',
  lastMessages: 'Latest messages',
  author: (author: string) => (author === 'client' ? 'Client' : author === 'staff' ? 'Staff' : 'Assistant'),
  picture: 'Picture from the client',

  clientSays: (text: string) => (text.trim() === '' ? '*Client* sent a picture' : `*Client:* ${escapeMrkdwn(text)}`),
  nudge: (number: number, who: string, waited: number) =>
    `<!here> #${number} (${who}) has waited ${slackText.minutes(waited)} and nobody has claimed it yet.`,

  alreadyClaimed: (by: string | null, byName: string | null) =>
    by ? `This conversation is already claimed by <@${by}>.` : `This conversation is already claimed${byName ? ` by ${byName}` : ''}.`,
  notWaiting: 'This conversation is no longer waiting.',
  notFound: 'That conversation no longer exists.',
  alreadyClosed: 'This conversation is already closed.',
  claimToReply: 'Claim this conversation to reply to the client.',
  closedNoReply: 'This conversation is closed, so your reply was not sent. The client is back with the assistant.',
  sendFailed: (detail: string | undefined) => `Your reply could not be delivered to the client${detail ? ` (${detail})` : ''}.`,
  privateFile: (name: string) =>
    `“${name}” is private to Slack, so it was not sent. Share a public link to the file (Share → Copy public link) and paste it in your reply.`,

  commandUsage: [
    '*/frontdesk* commands:',
    '• `queue` — who is waiting, in order',
    '• `resolve [number]` — close a conversation (without a number: the one you hold)',
    '• `history <phone or name>` — a client’s recent messages',
    '• `history words <terms>` — messages containing these words',
    '• `text <phone> <message>` — send a client an update on their usual channel',
  ].join('\n'),
  commandStaffChannelOnly: (channel: string) => `Use /frontdesk in <#${channel}>, where the team works the queue.`,
  queueEmpty: 'Nobody is waiting.',
  queueHeader: (n: number) => (n === 1 ? '*1 client waiting:*' : `*${n} clients waiting:*`),
  queueLine: (position: number, number: number, who: string, masked: string, channel: string, waited: number, urgent: boolean) =>
    `${position}. #${number} ${urgent ? '🚨 ' : ''}${who}${masked ? ` (${masked})` : ''} on ${channel} — waiting ${slackText.minutes(waited)}`,
  inProgressHeader: '*With staff:*',
  inProgressLine: (number: number, who: string, staffId: string | null) => `• #${number} ${who} — ${staffId ? `<@${staffId}>` : 'staff'}`,
  resolveWhich: 'Which conversation? Give its number (`/frontdesk resolve 12`); you hold none or several.',
  resolveNoSuch: (number: number) => `There is no open conversation #${number}.`,
  resolved: (number: number) => `Conversation #${number} is resolved; the client is back with the assistant.`,
  historyUsage: 'Usage: `/frontdesk history <phone or name>` or `/frontdesk history words <terms>`.',
  historyNoClient: (query: string) => `No client matches “${escapeMrkdwn(query)}”.`,
  historyNone: (who: string) => `No messages with ${who} yet.`,
  historyHeader: (who: string, masked: string) => `*Recent messages with ${who}*${masked ? ` (${masked})` : ''}:`,
  searchHeader: (terms: string, n: number) => `*${n === 0 ? 'No' : n} message${n === 1 ? '' : 's'} containing “${escapeMrkdwn(terms)}”*${n === 0 ? '.' : ':'}`,
  historyLine: (at: string, author: string, text: string, internal: boolean) =>
    `${slackTime(at)} · ${author}${internal ? ' (note)' : ''}: ${escapeMrkdwn(text)}`,
  textUsage: 'Usage: `/frontdesk text <phone> <message>`.',
  textNoClient: (query: string) => `No client with the number ${escapeMrkdwn(query)}.`,
  textSending: (who: string) => `Sending your update to ${who}…`,
  textQueued: (who: string, detail: string) => `Your update to ${who} ${detail}.`,
  textNotSent: (who: string, reason: string) => `Your update to ${who} was not sent: ${reason}.`,
  textUnavailable: 'Updates cannot be sent: no outbound channel is configured.',
};
