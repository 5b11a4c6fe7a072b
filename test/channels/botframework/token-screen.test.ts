import { screenToken, MAX_AUTHORIZATION_LENGTH } from '../../../channels/botframework/token-screen';
import { CHANNEL_ISSUER, EMULATOR_ISSUER, generateSigningKey, signToken } from './openid-issuer';

const APP_ID = '00000000-0000-0000-0000-00000000f00d';
const SERVICE_URL = 'https://webchat.botframework.com/';
// Pinned: 2026-03-10T15:00:00Z.
const NOW_MS = Date.UTC(2026, 2, 10, 15, 0, 0);
const NOW = NOW_MS / 1000;
const key = generateSigningKey('k1');

const channel = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) =>
  `Bearer ${signToken({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: NOW - 60, exp: NOW + 3600, ...claims }, key, header)}`;
const emulator = (claims: Record<string, unknown> = {}) =>
  `Bearer ${signToken({ iss: EMULATOR_ISSUER, aud: APP_ID, appid: APP_ID, ver: '1.0', exp: NOW + 3600, ...claims }, key)}`;
const raw = (head: unknown, claims: unknown) =>
  `Bearer ${Buffer.from(JSON.stringify(head)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

const screen = (authorization: string | undefined) => screenToken({ authorization, appId: APP_ID, serviceUrl: SERVICE_URL, nowMs: NOW_MS });

describe('screenToken: what can be refused before the signing keys are fetched', () => {
  it.each<[string, string | undefined, unknown]>([
    ['a channel token for this bot and service URL', channel(), { ok: true }],
    ['an Emulator token (version 1.0) naming this bot in appid', emulator(), { ok: true }],
    ['an Emulator token (version 2.0) naming this bot in azp', emulator({ appid: undefined, azp: APP_ID, ver: '2.0' }), { ok: true }],
    ['an Emulator token from its own tenant', emulator({ iss: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0', tid: '11111111-2222-3333-4444-555555555555' }), { ok: true }],
    ['a token just past expiry, within the clock allowance', channel({ exp: NOW - 200 }), { ok: true }],
    ['no header', undefined, { ok: false, status: 401, reason: 'missing_token' }],
    ['a blank header', '  ', { ok: false, status: 401, reason: 'missing_token' }],
    ['no Bearer scheme', channel().replace('Bearer ', 'Token '), { ok: false, status: 401, reason: 'malformed_token' }],
    ['two parts only', 'Bearer abc.def', { ok: false, status: 401, reason: 'malformed_token' }],
    ['characters outside base64url', 'Bearer a+b.c/d.e=f', { ok: false, status: 401, reason: 'malformed_token' }],
    ['an oversized header', `Bearer ${'a'.repeat(MAX_AUTHORIZATION_LENGTH)}.b.c`, { ok: false, status: 401, reason: 'malformed_token' }],
    ['a header that is not JSON', `Bearer bm90IGpzb24.${Buffer.from('{}').toString('base64url')}.c2ln`, { ok: false, status: 401, reason: 'malformed_token' }],
    ['claims that are an array', raw({ alg: 'RS256' }, [1, 2]), { ok: false, status: 401, reason: 'malformed_token' }],
    ['alg none', raw({ alg: 'none' }, { iss: CHANNEL_ISSUER, aud: APP_ID, exp: NOW + 60 }), { ok: false, status: 401, reason: 'malformed_token' }],
    ['a symmetric alg', raw({ alg: 'HS256' }, { iss: CHANNEL_ISSUER, aud: APP_ID, exp: NOW + 60 }), { ok: false, status: 401, reason: 'malformed_token' }],
    ['no issuer', channel({ iss: undefined }), { ok: false, status: 401, reason: 'untrusted_issuer' }],
    ['an issuer that is a number', channel({ iss: 7 }), { ok: false, status: 401, reason: 'untrusted_issuer' }],
    ['an unknown issuer', channel({ iss: 'https://api.botframework.com.example.test' }), { ok: false, status: 401, reason: 'untrusted_issuer' }],
    ["a tenant issuer not matching the token's tenant", emulator({ iss: 'https://sts.windows.net/99999999-0000-0000-0000-000000000000/', tid: '11111111-2222-3333-4444-555555555555' }), { ok: false, status: 401, reason: 'untrusted_issuer' }],
    ['no expiry', channel({ exp: undefined }), { ok: false, status: 401, reason: 'expired' }],
    ['an expiry that is text', channel({ exp: String(NOW + 60) }), { ok: false, status: 401, reason: 'expired' }],
    ['an expired token', channel({ exp: NOW - 400 }), { ok: false, status: 401, reason: 'expired' }],
    ['a token not valid for another hour', channel({ nbf: NOW + 3600 }), { ok: false, status: 401, reason: 'not_yet_valid' }],
    ['a channel token without a serviceurl claim', channel({ serviceurl: undefined }), { ok: false, status: 401, reason: 'malformed_token' }],
    ['a channel token for another bot', channel({ aud: 'someone-else' }), { ok: false, status: 403, reason: 'other_app' }],
    ['a channel token with an audience list', channel({ aud: [APP_ID] }), { ok: false, status: 403, reason: 'other_app' }],
    ['a channel token for another service URL', channel({ serviceurl: 'https://smba.trafficmanager.net/amer/' }), { ok: false, status: 403, reason: 'other_service_url' }],
    ['an Emulator token for another bot', emulator({ appid: 'someone-else' }), { ok: false, status: 403, reason: 'other_app' }],
    ['an Emulator token with another audience', emulator({ aud: 'https://api.botframework.com' }), { ok: false, status: 403, reason: 'other_app' }],
    ['a token from another bot addressed to this one (a skill call)', emulator({ appid: 'another-bot' }), { ok: false, status: 403, reason: 'other_app' }],
  ])('%s', (_label, authorization, expected) => {
    expect(screen(authorization)).toEqual(expected);
  });
});
