// Signed, expiring tokens: what verifies, and why each other one does not.
import { derive, newId, sameSecret, signToken, verifyToken, type TokenClaims } from '../../../channels/webchat/signed-token';

const KEY = Buffer.from('k'.repeat(64));
const NOW = Date.parse('2026-03-10T15:00:00Z');
const claims: TokenClaims = { kind: 'chat', sub: 'u5dQ3Pp2yE7kq9VbT1xLrA', iat: NOW / 1000, exp: NOW / 1000 + 60 };

describe('signed tokens', () => {
  it('verifies what it signed, before its expiry', () => {
    expect(verifyToken(KEY, signToken(KEY, claims), 'chat', NOW)).toEqual({ ok: true, claims });
    expect(verifyToken(KEY, signToken(KEY, claims), 'chat', NOW + 59_999).ok).toBe(true);
  });

  it.each([
    ['expired at its exp', signToken(KEY, claims), NOW + 60_000, 'expired'],
    ['signed with another key', signToken(Buffer.from('x'.repeat(64)), claims), NOW, 'bad_signature'],
    ['a changed subject under the old signature', `${Buffer.from(JSON.stringify({ ...claims, sub: 'AAAAAAAAAAAAAAAAAAAAAA' })).toString('base64url')}.${signToken(KEY, claims).split('.')[1]}`, NOW, 'bad_signature'],
    ['a staff session', signToken(KEY, { ...claims, kind: 'staff' }), NOW, 'wrong_kind'],
    ['a subject that is not an id', signToken(KEY, { ...claims, sub: 'x' }), NOW, 'malformed'],
    ['three parts', `${signToken(KEY, claims)}.x`, NOW, 'malformed'],
    ['empty', '', NOW, 'malformed'],
  ])('refuses a token %s', (_name, token, now, reason) => {
    expect(verifyToken(KEY, token, 'chat', now)).toEqual({ ok: false, reason });
  });

  it('makes ids of 128 random bits, and purpose-bound values from the key', () => {
    expect(newId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newId()).not.toBe(newId());
    expect(derive(KEY, 'csrf:a')).not.toBe(derive(KEY, 'csrf:b'));
    expect(sameSecret(derive(KEY, 'csrf:a'), derive(KEY, 'csrf:a'))).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });
});
