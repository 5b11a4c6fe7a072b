// How a staff member is named in a Slack message: a Slack user is mentioned (<@U…>), so Slack shows
// their name and links them; anyone else (a staff-view login such as `web:dana`) is named in plain
// text, since a mention of an id Slack does not know renders as a broken link.
import { SLACK_USER } from '../../bot/config/business-config';

/** `<@U…>` for a Slack user, else the name kept with the claim, else null (nobody to name). */
export function staffMention(staffId: string | null, staffName: string | null = null): string | null {
  if (staffId !== null && SLACK_USER.test(staffId)) return `<@${staffId}>`;
  return staffName;
}
