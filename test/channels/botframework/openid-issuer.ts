// A local stand-in for Microsoft's token service: an OpenID metadata document and its key set on a
// local port (point ToBotFromChannelOpenIdMetadataUrl / ToBotFromEmulatorOpenIdMetadataUrl at
// `metadataUrl`), and RS256 tokens signed with its key as the Bot Service and the Emulator sign them.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';
/** One of the issuers botbuilder takes for Emulator tokens. */
export const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS, signed the way Microsoft's token service signs (RS256, the key's kid in the header). */
export function signToken(claims: Record<string, unknown>, key: SigningKey, header: Record<string, unknown> = {}): string {
  const head = base64url({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header });
  const body = base64url(claims);
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key.privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

export interface TokenIssuer {
  /** The OpenID configuration document's URL. */
  metadataUrl: string;
  key: SigningKey;
  /** Requests the issuer has answered (metadata and keys alike). */
  requests: string[];
  /** A token from the Bot Service for `appId` and `serviceUrl`, valid from now (real clock) for an hour. */
  channelToken(options: { appId: string; serviceUrl: string; claims?: Record<string, unknown>; key?: SigningKey }): string;
  /** A token from the Emulator (version 1.0: the app id as audience and in `appid`). */
  emulatorToken(options: { appId: string; claims?: Record<string, unknown>; key?: SigningKey }): string;
  close(): Promise<void>;
}

export interface TokenIssuerOptions {
  /** Channels the key is endorsed for; botbuilder then refuses the key for any other channel. */
  endorsements?: string[];
  /** Never answers: a metadata endpoint that hangs. */
  hang?: boolean;
}

export async function startTokenIssuer(options: TokenIssuerOptions = {}): Promise<TokenIssuer> {
  const key = generateSigningKey('frontdesk-test-key');
  const requests: string[] = [];
  const jwk = key.publicKey.export({ format: 'jwk' });
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (options.hang) return;
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: key.kid, n: jwk.n, e: jwk.e, ...(options.endorsements ? { endorsements: options.endorsements } : {}) }] }));
    } else {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${origin}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const lifetime = () => {
    const now = Math.floor(Date.now() / 1000);
    return { nbf: now - 60, iat: now - 60, exp: now + 3600 };
  };
  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openidconfiguration`,
    key,
    requests,
    channelToken: ({ appId, serviceUrl, claims = {}, key: signer = key }) =>
      signToken({ iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, ...lifetime(), ...claims }, signer),
    emulatorToken: ({ appId, claims = {}, key: signer = key }) =>
      signToken({ iss: EMULATOR_ISSUER, aud: appId, appid: appId, ver: '1.0', ...lifetime(), ...claims }, signer),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
