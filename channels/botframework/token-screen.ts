// A first look at the Bot Framework token on /api/messages, before botbuilder verifies it. botbuilder
// fetches the signing keys before it looks at expiry or audience, so an expired token, or one meant
// for another bot, would cost a request to Microsoft's metadata endpoint and come back as a 500 when
// that fails. These checks need no key and no network; the signature is still botbuilder's to verify,
// and nothing here accepts a token botbuilder would refuse.
import { AuthenticationConstants, ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';

/** botbuilder's own allowance for clock skew between Microsoft's token service and this host. */
const CLOCK_TOLERANCE_SECONDS = ToBotFromBotOrEmulatorTokenValidationParameters.clockTolerance ?? 5 * 60;
/** Real tokens are 1-2 KB; a header far past that is not one. */
export const MAX_AUTHORIZATION_LENGTH = 8192;

const BEARER = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

export type TokenScreen =
  | { ok: true }
  /** 401: no token, or not one we could ever accept. */
  | { ok: false; status: 401; reason: 'missing_token' | 'malformed_token' | 'untrusted_issuer' | 'expired' | 'not_yet_valid' }
  /** 403: a well-formed token, but for another bot or another channel's service URL. */
  | { ok: false; status: 403; reason: 'other_app' | 'other_service_url' };

export interface TokenScreenInput {
  /** The Authorization header as received. */
  authorization: string | undefined;
  /** This bot's MicrosoftAppId. */
  appId: string;
  /** The activity's serviceUrl, which a channel token names in its `serviceurl` claim. */
  serviceUrl: string;
  nowMs: number;
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The issuers botbuilder takes for Emulator tokens: its fixed list, plus the Azure AD issuers of the
 * token's own tenant (how the Emulator signs in to a single-tenant app).
 */
function isEmulatorIssuer(issuer: string, tenantId: unknown): boolean {
  const fixed = ToBotFromBotOrEmulatorTokenValidationParameters.issuer;
  if (Array.isArray(fixed) ? fixed.includes(issuer) : fixed === issuer) return true;
  if (typeof tenantId !== 'string' || tenantId === '') return false;
  return [
    `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV1}${tenantId}/`,
    `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV2}${tenantId}/v2.0`,
    `${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV1}${tenantId}/`,
    `${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV2}${tenantId}/v2.0`,
  ].includes(issuer);
}

export function screenToken(input: TokenScreenInput): TokenScreen {
  const { authorization, appId } = input;
  if (authorization === undefined || authorization.trim() === '') return { ok: false, status: 401, reason: 'missing_token' };
  if (authorization.length > MAX_AUTHORIZATION_LENGTH) return { ok: false, status: 401, reason: 'malformed_token' };
  const match = BEARER.exec(authorization.trim());
  if (!match) return { ok: false, status: 401, reason: 'malformed_token' };
  const header = decodePart(match[1] ?? '');
  const claims = decodePart(match[2] ?? '');
  if (!header || !claims) return { ok: false, status: 401, reason: 'malformed_token' };
  if (typeof header.alg !== 'string' || !AuthenticationConstants.AllowedSigningAlgorithms.includes(header.alg)) {
    return { ok: false, status: 401, reason: 'malformed_token' };
  }

  const issuer = claims[AuthenticationConstants.IssuerClaim];
  if (typeof issuer !== 'string') return { ok: false, status: 401, reason: 'untrusted_issuer' };
  const fromChannel = issuer === AuthenticationConstants.ToBotFromChannelTokenIssuer;
  if (!fromChannel && !isEmulatorIssuer(issuer, claims[AuthenticationConstants.TenantIdClaim])) {
    return { ok: false, status: 401, reason: 'untrusted_issuer' };
  }

  // Microsoft's tokens always carry an expiry; one without is not from them.
  const nowSeconds = Math.floor(input.nowMs / 1000);
  const expires = claims.exp;
  if (typeof expires !== 'number' || !Number.isFinite(expires) || nowSeconds > expires + CLOCK_TOLERANCE_SECONDS) {
    return { ok: false, status: 401, reason: 'expired' };
  }
  const notBefore = claims.nbf;
  if (notBefore !== undefined && (typeof notBefore !== 'number' || notBefore - CLOCK_TOLERANCE_SECONDS > nowSeconds)) {
    return { ok: false, status: 401, reason: 'not_yet_valid' };
  }

  // Every token for this bot names it as the audience; the Emulator's also name who asked for it.
  if (claims[AuthenticationConstants.AudienceClaim] !== appId) return { ok: false, status: 403, reason: 'other_app' };
  if (fromChannel) {
    const claimedServiceUrl = claims[AuthenticationConstants.ServiceUrlClaim];
    if (typeof claimedServiceUrl !== 'string') return { ok: false, status: 401, reason: 'malformed_token' };
    if (claimedServiceUrl !== input.serviceUrl) return { ok: false, status: 403, reason: 'other_service_url' };
    return { ok: true };
  }
  // appid (version 1.0) or azp (version 2.0); another bot's id there is a skill call, which this bot takes from no one.
  const requester = claims[AuthenticationConstants.AppIdClaim] ?? claims[AuthenticationConstants.AuthorizedParty];
  if (requester !== appId) return { ok: false, status: 403, reason: 'other_app' };
  return { ok: true };
}
