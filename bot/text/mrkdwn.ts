// Slack's mrkdwn markup for staff-facing text: `<@U123>` mentions a user, `<!date^…>` renders an
// instant in each reader's own zone.

/** Client text shown in mrkdwn: Slack requires &, < and > escaped, or they become links/mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An instant as Slack shows it to each reader in their own time zone. */
export function slackTime(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${iso}>`;
}
