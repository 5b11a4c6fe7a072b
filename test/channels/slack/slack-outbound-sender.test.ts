// The outbound queue's Slack sender: Slack Web API failures read as the outbound layer's outcomes.
import { slackOutcome } from '../../../channels/slack/slack-channel';

/** A failed Web API call as @slack/web-api throws it: the platform's error in `data.error`. */
function platformError(error: string): Error {
  return Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });
}

describe("Slack's failures as outcomes", () => {
  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'account_inactive', 'invalid_auth', 'token_revoked', 'missing_scope', 'msg_too_long'])(
    'gives up on %s, which the same message meets again',
    (error) => {
      expect(slackOutcome(platformError(error))).toEqual({ kind: 'permanent', code: error, message: `An API error occurred: ${error}` });
    },
  );

  it.each(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable'])('tries %s again later', (error) => {
    expect(slackOutcome(platformError(error))).toMatchObject({ kind: 'retry', code: error });
  });

  it('tries a request that timed out again, and one that never reached Slack', () => {
    const timedOut = Object.assign(new Error('timeout of 2000ms exceeded'), { code: 'ECONNABORTED' });
    expect(slackOutcome(timedOut)).toMatchObject({ kind: 'retry', code: 'timeout' });
    expect(slackOutcome(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'retry', code: 'network' });
  });

  it('never reads a Slack failure as an opt-out or an SMS fallback', () => {
    const kinds = ['channel_not_found', 'ratelimited', 'user_disabled'].map((e) => slackOutcome(platformError(e)).kind);
    expect(kinds).toEqual(['permanent', 'retry', 'permanent']);
  });
});
