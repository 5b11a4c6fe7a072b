// Which serviceUrls the bot may call. A Bot Framework activity names the URL its replies (and later
// proactive messages) are posted to; taken on trust, one request could point the server at any
// address. So the URL must be on an allow-list: the hosts Bot Framework's channels really use (and
// any the operator adds) when a MicrosoftAppId is set, the machine itself in anonymous mode. The
// /api/messages route, the saving of conversation references and every call back all ask this rule.

/**
 * Hosts Bot Framework channels call bots from. `*.` matches any subdomain (not the bare name,
 * which is listed on its own). Only Teams' own traffic manager name is listed: any Azure customer
 * can create another `*.trafficmanager.net` name.
 */
export const BOT_FRAMEWORK_SERVICE_HOSTS: readonly string[] = [
  // Web Chat, Direct Line (global and regional: europe., india., ...) and the other Azure channels.
  'botframework.com',
  '*.botframework.com',
  // US Government cloud.
  'botframework.us',
  '*.botframework.us',
  'botframework.azure.us',
  '*.botframework.azure.us',
  // Azure operated by 21Vianet (China).
  'botframework.azure.cn',
  '*.botframework.azure.cn',
  // Teams: public cloud, GCC, GCC High, DoD.
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
];

/** One allowed host: a name or `*.suffix`, and whether plain http is accepted for it. */
export interface ServiceHostPattern {
  host: string;
  allowHttp: boolean;
}

export interface ServiceUrlRule {
  /** `loopback` without a MicrosoftAppId (anonymous, local trying), `bot_framework` with one. */
  readonly mode: 'loopback' | 'bot_framework';
  /** Whether the bot may call this URL (anything that is not an absolute http(s) URL is refused). */
  allows(serviceUrl: unknown): boolean;
}

const HOST_PATTERN = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/**
 * An operator's entry (BOT_SERVICE_URL_HOSTS): `host`, `*.example.org`, optionally with `https://`,
 * or with `http://` to allow plain http for that host (a Direct Line App Service extension behind
 * a proxy, the Emulator with credentials). Null when it is not one.
 */
export function parseServiceHost(entry: string): ServiceHostPattern | null {
  const match = /^(?:(https?):\/\/)?([^/]+?)\/?$/i.exec(entry.trim());
  if (!match) return null;
  const host = (match[2] ?? '').toLowerCase();
  if (!HOST_PATTERN.test(host)) return null;
  return { host, allowHttp: match[1]?.toLowerCase() === 'http' };
}

/**
 * True for this machine: `localhost`, 127.0.0.0/8 and ::1, written as a host name, a URL host
 * (`[::1]`) or a socket's remote address (`::ffff:127.0.0.1`).
 */
export function isLoopback(hostOrAddress: string): boolean {
  const host = hostOrAddress.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = host.replace(/^::ffff:/, '');
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v4);
  return octets !== null && octets[1] === '127' && octets.slice(2).every((o) => Number(o) <= 255);
}

function hostMatches(host: string, pattern: string): boolean {
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern;
}

/** The URL's scheme and host, or null when it is not an absolute http(s) URL without credentials. */
function target(serviceUrl: unknown): { https: boolean; host: string } | null {
  if (typeof serviceUrl !== 'string' || serviceUrl === '') return null;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // "https://botframework.com@elsewhere" names elsewhere; such a URL is never a channel's.
  if (url.username !== '' || url.password !== '') return null;
  return { https: url.protocol === 'https:', host: url.hostname.toLowerCase().replace(/\.$/, '') };
}

export interface ServiceUrlRuleOptions {
  /** True when a MicrosoftAppId is set: requests carry Bot Framework tokens. */
  authenticated: boolean;
  /** The operator's own hosts (BOT_SERVICE_URL_HOSTS), allowed besides Bot Framework's. */
  extraHosts?: readonly ServiceHostPattern[];
}

export function serviceUrlRule(options: ServiceUrlRuleOptions): ServiceUrlRule {
  if (!options.authenticated) {
    return {
      mode: 'loopback',
      allows: (serviceUrl) => {
        const t = target(serviceUrl);
        return t !== null && isLoopback(t.host);
      },
    };
  }
  const patterns: ServiceHostPattern[] = [
    ...BOT_FRAMEWORK_SERVICE_HOSTS.map((host) => ({ host, allowHttp: false })),
    ...(options.extraHosts ?? []),
  ];
  return {
    mode: 'bot_framework',
    allows: (serviceUrl) => {
      const t = target(serviceUrl);
      if (t === null) return false;
      return patterns.some((p) => hostMatches(t.host, p.host) && (t.https || p.allowHttp));
    },
  };
}

/** The rule for these settings. */
export function serviceUrlRuleFor(settings: { microsoftAppId: string | null; botServiceUrlHosts?: readonly ServiceHostPattern[] }): ServiceUrlRule {
  return serviceUrlRule({ authenticated: settings.microsoftAppId !== null, extraHosts: settings.botServiceUrlHosts });
}

export const SERVICE_URL_REFUSED = 'frontdesk_service_url_refused';

/** Thrown where the bot was asked to call a serviceUrl the rule refuses; nothing was sent. */
export class ServiceUrlRefusedError extends Error {
  readonly code = SERVICE_URL_REFUSED;
  constructor(mode: ServiceUrlRule['mode']) {
    super(
      `${SERVICE_URL_REFUSED}: the serviceUrl is not ${mode === 'loopback' ? 'on this machine (anonymous mode)' : "one of Bot Framework's or BOT_SERVICE_URL_HOSTS"}; the bot does not call it`,
    );
    this.name = 'ServiceUrlRefusedError';
  }
}
