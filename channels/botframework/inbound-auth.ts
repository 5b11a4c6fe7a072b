// How CloudAdapter checks who is calling /api/messages, made safe to expose: bounded in time and
// with failures that say nothing about our internals.
//
// botbuilder 4.23 verifies a token by fetching Microsoft's OpenID metadata with no timeout, and
// CloudAdapter.process answers whatever is thrown while authenticating with the exception's text:
// an AuthenticationError becomes a 401, anything else (jsonwebtoken's "invalid signature", a network
// error naming the metadata URL) a 500. Wrapped here, every failure is an AuthenticationError whose
// message is one of our reason codes, and a verification that takes too long fails like the rest.
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import { DelegatingAuthentication } from './delegating-auth';
import { CallerIdConstants, StatusCodes, type Activity, type createBotFrameworkAuthenticationFromConfiguration } from 'botbuilder';
import type { Settings } from '../../bot/config/settings';

/** The Bot Service gives up on a request after 15 s; the signing keys must have come well before. */
export const DEFAULT_AUTH_DEADLINE_MS = 5_000;

export const AUTH_FAILURE_PREFIX = 'frontdesk_unauthorized';

export type AuthFailureReason =
  /** botbuilder refused the token (bad signature, unknown key, wrong claims). */
  | 'token_rejected'
  /** The signing keys could not be fetched: the token could not be checked at all. */
  | 'keys_unavailable'
  /** The signing keys did not arrive within the deadline. */
  | 'keys_timeout';

/** The message of the AuthenticationError thrown for a reason: the code and nothing else. */
export function authFailureMessage(reason: AuthFailureReason): string {
  return `${AUTH_FAILURE_PREFIX}:${reason}`;
}

/** The reason in a message written by CloudAdapter.process, or null when it is not one of ours. */
export function authFailureReason(message: unknown): AuthFailureReason | null {
  if (typeof message !== 'string' || !message.startsWith(`${AUTH_FAILURE_PREFIX}:`)) return null;
  const reason = message.slice(AUTH_FAILURE_PREFIX.length + 1);
  return reason === 'token_rejected' || reason === 'keys_unavailable' || reason === 'keys_timeout' ? reason : null;
}

function reasonOf(error: unknown): AuthFailureReason {
  // botbuilder's own refusals are 401s; it throws 500-coded AuthenticationErrors when the metadata
  // answered with an error, and plain errors when it could not be reached.
  if (error instanceof AuthenticationError) return error.statusCode === StatusCodes.UNAUTHORIZED ? 'token_rejected' : 'keys_unavailable';
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'JsonWebTokenError' || name === 'TokenExpiredError' || name === 'NotBeforeError') return 'token_rejected';
  return 'keys_unavailable';
}

class DeadlineExceeded extends Error {}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export interface InboundAuthOptions {
  deadlineMs?: number;
}

/**
 * The same authentication, with every failure of an inbound request turned into a 401-coded
 * AuthenticationError carrying only a reason code, and a deadline on the whole check. The original
 * error is kept as the cause, for the log.
 */
class GuardedBotFrameworkAuthentication extends DelegatingAuthentication {
  constructor(
    inner: BotFrameworkAuthentication,
    private readonly deadlineMs: number,
  ) {
    super(inner);
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    // The late answer of a timed-out check is dropped; its fetch still fills botbuilder's key cache.
    const pending = work();
    pending.catch(() => undefined);
    try {
      return await withDeadline(pending, this.deadlineMs);
    } catch (error) {
      const reason = error instanceof DeadlineExceeded ? 'keys_timeout' : reasonOf(error);
      const failure = new AuthenticationError(authFailureMessage(reason), StatusCodes.UNAUTHORIZED);
      failure.cause = error;
      throw failure;
    }
  }

  override authenticateRequest(activity: Activity, authHeader: string) {
    return this.guard(() => this.inner.authenticateRequest(activity, authHeader));
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string) {
    return this.guard(() => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string) {
    return this.guard(() => this.inner.authenticateChannelRequest(authHeader));
  }
}

export function guardInboundAuthentication(inner: BotFrameworkAuthentication, options: InboundAuthOptions = {}): BotFrameworkAuthentication {
  return new GuardedBotFrameworkAuthentication(inner, options.deadlineMs ?? DEFAULT_AUTH_DEADLINE_MS);
}

type AuthConfiguration = Parameters<typeof createBotFrameworkAuthenticationFromConfiguration>[0];

/**
 * The configuration for botbuilder's authentication: null (public Azure, botbuilder's defaults)
 * unless the OpenID metadata documents are moved, as tests do to serve their own signing keys.
 * botbuilder takes a configuration with any of its endpoint keys as complete, so the rest are
 * given as the public-cloud values it would otherwise use.
 */
export function openIdMetadataConfiguration(settings: Pick<Settings, 'channelOpenIdMetadataUrl' | 'emulatorOpenIdMetadataUrl'>): AuthConfiguration {
  if (settings.channelOpenIdMetadataUrl === undefined && settings.emulatorOpenIdMetadataUrl === undefined) return null;
  const values: Record<string, string | boolean> = {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: settings.channelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: settings.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
  return {
    get: <T>() => values as T,
    set: () => undefined,
  };
}
