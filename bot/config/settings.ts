// Runtime settings from the environment. This is the only module that reads process.env: every
// other part of the project receives a `Settings` value, which keeps tests free of env juggling.

import path from 'node:path';
import { isLoopback, parseServiceHost, type ServiceHostPattern } from './service-urls';

export interface Settings {
  port: number;
  /**
   * Interface to listen on (HOST). Default 127.0.0.1 without a MicrosoftAppId (anonymous requests
   * are for trying it on this machine), 0.0.0.0 with one.
   */
  host: string;
  /**
   * Who may use /api/messages without a MicrosoftAppId (FRONTDESK_ALLOW_ANONYMOUS): `local` (this
   * machine only, the default) or `remote` (any address HOST reaches, for a container or a VM the
   * operator controls). Ignored when a MicrosoftAppId is set.
   */
  anonymousAccess: AnonymousAccess;
  /** Hosts besides Bot Framework's own that may be a serviceUrl with a MicrosoftAppId (BOT_SERVICE_URL_HOSTS). */
  botServiceUrlHosts: ServiceHostPattern[];
  /** Absolute directory for the embedded store. */
  dataDir: string;
  /**
   * The Redis the store lives on (REDIS_URL, `redis://` or `rediss://`), for several processes
   * sharing one business; unset, the store is the embedded SQLite file in dataDir.
   */
  redisUrl?: string;
  /** What every Redis key of this business starts with (REDIS_PREFIX, default `frontdesk`). */
  redisPrefix?: string;
  /**
   * A bearer token for GET /metrics (FRONTDESK_METRICS_TOKEN); without one, only callers on this
   * machine may read it (a scraper in the same pod or host).
   */
  metricsToken: string | null;
  /**
   * On SIGTERM, how long requests in flight may take to finish before their connections are closed
   * (SHUTDOWN_GRACE_MS, default 10 s; a load balancer's drain time should be longer).
   */
  shutdownGraceMs: number;
  /**
   * How long a process holds a proactive message it is sending before another may take it over
   * (OUTBOUND_LEASE_MS, default 60 s): after a crash, the message waits this long.
   */
  outboundLeaseMs: number;
  /**
   * The instant this process's clock starts at (FRONTDESK_CLOCK_START, an ISO date-time), then runs
   * at real speed: for rehearsing a day (a demo of next Tuesday) and for tests of whole processes.
   * Unset: the real time.
   */
  clockStart: Date | null;
  /** Absolute path of the business YAML, or null for the demo business. */
  configPath: string | null;
  logLevel: string;
  microsoftAppId: string | null;
  microsoftAppPassword: string | null;
  microsoftAppTenantId: string | null;
  /** MultiTenant, SingleTenant or UserAssignedMSI, as the Bot Framework names them. */
  microsoftAppType: string;
  /**
   * Where Bot Framework tokens' signing keys are published (ToBotFromChannelOpenIdMetadataUrl and
   * ToBotFromEmulatorOpenIdMetadataUrl, botbuilder's names): Microsoft's unless set. Tests serve
   * their own so tokens can be checked without reaching Microsoft.
   */
  channelOpenIdMetadataUrl?: string;
  emulatorOpenIdMetadataUrl?: string;
  // Twilio (SMS, MMS, WhatsApp) and the public base URL. Optional and left undefined when unset, so
  // a deployment without Twilio carries no Twilio keys at all.
  /** The URL the outside world reaches this server at (no trailing slash): webhooks are signed for it. */
  publicUrl?: string;
  twilioAccountSid?: string;
  twilioAuthToken?: string;
  /** E.164 sender for SMS (and WhatsApp, as `whatsapp:` + number). */
  twilioPhoneNumber?: string;
  twilioMessagingServiceSid?: string;
  /** Base URL of the Twilio REST API (no trailing slash); tests and demos point it at a capture server. */
  twilioApiUrl?: string;
  /** Approved WhatsApp template (Content SID) for messages outside the 24-hour session. */
  twilioWhatsappTemplateSid?: string;
  // Slack Web API (staff console, on-call DMs). Optional like Twilio's.
  slackBotToken?: string;
  /** Base URL of the Slack Web API (no trailing slash); default https://slack.com/api. */
  slackApiUrl?: string;
  /** Checks that requests to /api/slack/events come from Slack (the app's Signing Secret). */
  slackSigningSecret?: string;
  /** Channel id (C…) where new handoffs are posted and staff reply in threads. */
  slackStaffChannel?: string;
  /** Channel ids (Slack Connect) whose messages are client conversations, like DMs to the app. */
  slackClientChannels?: string[];
  /** Proactive messages a second per sender number (OUTBOUND_RATE_PER_SECOND); overrides the config file. */
  outboundRatePerSecond?: number;
  /**
   * How long one send may take before it counts as failed (SEND_TIMEOUT_MS): Twilio, Slack and Bot
   * Framework calls, from the outbound queue and within a turn alike.
   */
  sendTimeoutMs: number;
  // The web chat page and the staff view (channels/webchat).
  /**
   * The token staff exchange for a session on the staff view (FRONTDESK_ADMIN_TOKEN); null leaves
   * the staff view off.
   */
  adminToken: string | null;
  /**
   * The key web chat identities and staff sessions are signed with (FRONTDESK_WEBCHAT_SECRET); null:
   * one is generated once and kept in the data directory.
   */
  webchatSecret: string | null;
  /** Other sites' origins that may embed the chat widget (FRONTDESK_ALLOWED_ORIGINS), e.g. https://salon.example. */
  allowedOrigins: string[];
}

export type AnonymousAccess = 'local' | 'remote';
export const ANONYMOUS_ACCESS: readonly AnonymousAccess[] = ['local', 'remote'];

export const DEFAULT_PORT = 3978;
/** Long enough for Twilio, Slack or a Bot Framework channel on a slow day; short enough that a dead host frees its slot soon. */
export const DEFAULT_SEND_TIMEOUT_MS = 10_000;
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
export const LOG_LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export const MICROSOFT_APP_TYPES: readonly string[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

export class SettingsError extends Error {
  readonly code = 'frontdesk_settings_invalid';
  /** One line per bad variable, each naming it. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid environment settings:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/** A variable's value, with unset and blank treated alike (a `.env` line like `PORT=`). */
function value(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Settings from `env` (default: the process environment), with `overrides` (from command-line
 * flags, or a test's free port) taking precedence. All bad variables are reported together.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Settings> = {}): Settings {
  const problems: string[] = [];

  let port = DEFAULT_PORT;
  const portText = value(env, 'PORT');
  if (portText !== null && overrides.port === undefined) {
    const n = /^\d+$/.test(portText) ? Number(portText) : NaN;
    // 0 asks the OS for any free port, which tests and ephemeral deployments use.
    if (Number.isInteger(n) && n >= 0 && n <= 65535) port = n;
    else problems.push(`PORT must be a whole number from 0 to 65535, got '${portText}'`);
  }

  let logLevel = 'info';
  const levelText = value(env, 'LOG_LEVEL');
  if (levelText !== null && overrides.logLevel === undefined) {
    if (LOG_LEVELS.includes(levelText.toLowerCase())) logLevel = levelText.toLowerCase();
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${levelText}'`);
  }

  let microsoftAppType = 'MultiTenant';
  const typeText = value(env, 'MicrosoftAppType');
  if (typeText !== null && overrides.microsoftAppType === undefined) {
    const match = MICROSOFT_APP_TYPES.find((t) => t.toLowerCase() === typeText.toLowerCase());
    if (match) microsoftAppType = match;
    else problems.push(`MicrosoftAppType must be one of ${MICROSOFT_APP_TYPES.join(', ')}, got '${typeText}'`);
  }

  let anonymousAccess: AnonymousAccess = 'local';
  const anonymousText = value(env, 'FRONTDESK_ALLOW_ANONYMOUS');
  if (anonymousText !== null && overrides.anonymousAccess === undefined) {
    const match = ANONYMOUS_ACCESS.find((a) => a === anonymousText.toLowerCase());
    if (match) anonymousAccess = match;
    else problems.push(`FRONTDESK_ALLOW_ANONYMOUS must be one of ${ANONYMOUS_ACCESS.join(', ')}, got '${anonymousText}'`);
  }

  const botServiceUrlHosts: ServiceHostPattern[] = [];
  const hostsText = value(env, 'BOT_SERVICE_URL_HOSTS');
  if (hostsText !== null) {
    for (const entry of hostsText.split(/[\s,]+/).filter((e) => e !== '')) {
      const parsed = parseServiceHost(entry);
      if (parsed) botServiceUrlHosts.push(parsed);
      else problems.push(`BOT_SERVICE_URL_HOSTS must list host names like directline.example.org or *.example.org, got '${entry}'`);
    }
  }

  const microsoftAppId = overrides.microsoftAppId !== undefined ? overrides.microsoftAppId : value(env, 'MicrosoftAppId');
  const host = value(env, 'HOST') ?? (microsoftAppId === null ? '127.0.0.1' : '0.0.0.0');

  const dataDirText = value(env, 'DATA_DIR');
  const configText = value(env, 'FRONTDESK_CONFIG');
  const settings: Settings = {
    port,
    host,
    anonymousAccess,
    botServiceUrlHosts,
    dataDir: path.resolve(dataDirText ?? 'data'),
    configPath: configText === null ? null : path.resolve(configText),
    logLevel,
    microsoftAppId,
    microsoftAppPassword: value(env, 'MicrosoftAppPassword'),
    microsoftAppTenantId: value(env, 'MicrosoftAppTenantId'),
    microsoftAppType,
    ...readOpenIdMetadataSettings(env, problems),
    ...readTwilioSettings(env, problems),
    ...readSlackSettings(env, problems),
    ...readOutboundSettings(env, problems),
    sendTimeoutMs: readSendTimeout(env, problems),
    ...readWebchatSettings(env, problems),
    ...readRedisSettings(env, problems),
    metricsToken: value(env, 'FRONTDESK_METRICS_TOKEN'),
    shutdownGraceMs: readMilliseconds(env, 'SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN_GRACE_MS, [0, 120_000], problems),
    outboundLeaseMs: readMilliseconds(env, 'OUTBOUND_LEASE_MS', 60_000, [1000, 3_600_000], problems),
    clockStart: readInstant(env, 'FRONTDESK_CLOCK_START', problems),
    // A flag that was not given arrives as undefined and must not erase the env value.
    ...(Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<Settings>),
  };

  // Half-set credentials would fail at the first message with an opaque auth error; say it here.
  if (settings.microsoftAppId !== null) {
    if (settings.microsoftAppType !== 'UserAssignedMSI' && settings.microsoftAppPassword === null) {
      problems.push(`MicrosoftAppPassword is required when MicrosoftAppId is set (MicrosoftAppType ${settings.microsoftAppType})`);
    }
    if (settings.microsoftAppType === 'SingleTenant' && settings.microsoftAppTenantId === null) {
      problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
    }
  }

  const exposed = anonymousExposure(settings);
  if (exposed) problems.push(exposed);

  // Without PUBLIC_URL no Twilio signature can be checked; a half-configured sender fails later.
  if (settings.twilioAuthToken !== undefined && settings.publicUrl === undefined) {
    problems.push('PUBLIC_URL is required when TWILIO_AUTH_TOKEN is set (Twilio signs webhooks for the public URL)');
  }
  if (settings.twilioAccountSid !== undefined) {
    if (settings.twilioAuthToken === undefined) problems.push('TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set');
    if (settings.twilioPhoneNumber === undefined && settings.twilioMessagingServiceSid === undefined) {
      problems.push('TWILIO_PHONE_NUMBER or TWILIO_MESSAGING_SERVICE_SID is required when TWILIO_ACCOUNT_SID is set');
    }
  }

  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

/**
 * Why these settings must not start: /api/messages without a MicrosoftAppId answers anyone who can
 * reach it, as any client, so listening beyond this machine needs saying so. Null when they may.
 */
export function anonymousExposure(settings: Pick<Settings, 'host' | 'microsoftAppId' | 'anonymousAccess'>): string | null {
  if (settings.microsoftAppId !== null || settings.anonymousAccess === 'remote' || isLoopback(settings.host)) return null;
  return (
    `HOST=${settings.host} without MicrosoftAppId would let anyone who reaches this machine use /api/messages without a token: ` +
    'set MicrosoftAppId (and MicrosoftAppPassword) for a Bot Framework registration, leave HOST unset to listen on 127.0.0.1 only, ' +
    'or set FRONTDESK_ALLOW_ANONYMOUS=remote if this network is yours alone'
  );
}

/** An http(s) base URL without query or fragment, trailing slashes removed; null when it is not one. */
function baseUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') return null;
  return text.replace(/\/+$/, '');
}

const TWILIO_SID_FORMATS: ReadonlyArray<[name: string, key: keyof Settings, prefix: string]> = [
  ['TWILIO_ACCOUNT_SID', 'twilioAccountSid', 'AC'],
  ['TWILIO_MESSAGING_SERVICE_SID', 'twilioMessagingServiceSid', 'MG'],
  ['TWILIO_WHATSAPP_TEMPLATE_SID', 'twilioWhatsappTemplateSid', 'HX'],
];

// A prefix is matched by SCAN patterns (export, test clean-up): no glob characters, no spaces.
const REDIS_PREFIX_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

function readRedisSettings(env: NodeJS.ProcessEnv, problems: string[]): Pick<Settings, 'redisUrl' | 'redisPrefix'> {
  const url = value(env, 'REDIS_URL');
  const prefix = value(env, 'REDIS_PREFIX');
  const read: Pick<Settings, 'redisUrl' | 'redisPrefix'> = {};
  if (url !== null) {
    let protocol: string | null = null;
    try {
      protocol = new URL(url).protocol;
    } catch {
      protocol = null;
    }
    // The URL may carry a password: it is never echoed back.
    if (protocol === 'redis:' || protocol === 'rediss:') read.redisUrl = url;
    else problems.push('REDIS_URL must be a redis:// or rediss:// URL like redis://127.0.0.1:6379');
  }
  if (prefix !== null) {
    if (REDIS_PREFIX_PATTERN.test(prefix)) read.redisPrefix = prefix;
    else problems.push(`REDIS_PREFIX must be up to 64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit, got '${prefix}'`);
  }
  return read;
}

function readTwilioSettings(env: NodeJS.ProcessEnv, problems: string[]): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const [name, key] of [['PUBLIC_URL', 'publicUrl'], ['TWILIO_API_URL', 'twilioApiUrl']] as const) {
    const text = value(env, name);
    if (text === null) continue;
    const url = baseUrl(text);
    if (url === null) problems.push(`${name} must be an http(s) URL without query string, got '${text}'`);
    else out[key] = url;
  }
  for (const [name, key, prefix] of TWILIO_SID_FORMATS) {
    const text = value(env, name);
    if (text === null) continue;
    if (new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(text)) (out as Record<string, string>)[key] = text;
    else problems.push(`${name} must be '${prefix}' followed by 32 hex digits, got '${text}'`);
  }
  const token = value(env, 'TWILIO_AUTH_TOKEN');
  if (token !== null) out.twilioAuthToken = token;
  const phone = value(env, 'TWILIO_PHONE_NUMBER');
  if (phone !== null) {
    if (/^\+[1-9]\d{6,14}$/.test(phone)) out.twilioPhoneNumber = phone;
    else problems.push(`TWILIO_PHONE_NUMBER must be an E.164 number like +15551234567, got '${phone}'`);
  }
  return out;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api';

function readSlackSettings(env: NodeJS.ProcessEnv, problems: string[]): Partial<Settings> {
  const out: Partial<Settings> = {};
  const token = value(env, 'SLACK_BOT_TOKEN');
  if (token !== null) {
    if (/^xox[a-z]-/.test(token)) out.slackBotToken = token;
    else problems.push("SLACK_BOT_TOKEN must be a bot token starting with 'xoxb-'");
  }
  const api = value(env, 'SLACK_API_URL');
  if (api !== null) {
    const url = baseUrl(api);
    if (url === null) problems.push(`SLACK_API_URL must be an http(s) URL without query string, got '${api}'`);
    else out.slackApiUrl = url;
  }
  const secret = value(env, 'SLACK_SIGNING_SECRET');
  if (secret !== null) out.slackSigningSecret = secret;
  // Channel ids, not names: names change and the Events API only ever reports ids.
  const channelId = /^[CGD][A-Z0-9]{2,}$/;
  const staff = value(env, 'SLACK_STAFF_CHANNEL');
  if (staff !== null) {
    if (channelId.test(staff)) out.slackStaffChannel = staff;
    else problems.push(`SLACK_STAFF_CHANNEL must be a channel id like C0123ABCD (not a #name), got '${staff}'`);
  }
  const clients = value(env, 'SLACK_CLIENT_CHANNELS');
  if (clients !== null) {
    const ids = clients.split(/[\s,]+/).filter((id) => id !== '');
    const bad = ids.filter((id) => !channelId.test(id));
    if (bad.length > 0) problems.push(`SLACK_CLIENT_CHANNELS must list channel ids like C0123ABCD, got '${bad.join("', '")}'`);
    else if (staff !== null && ids.includes(staff)) problems.push(`SLACK_CLIENT_CHANNELS must not include the staff channel ${staff}`);
    else out.slackClientChannels = ids;
  }
  // A token alone is enough to send (on-call DMs); taking requests from Slack needs both.
  if (out.slackSigningSecret !== undefined && token === null) {
    problems.push('SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set');
  }
  return out;
}

function readOutboundSettings(env: NodeJS.ProcessEnv, problems: string[]): Partial<Settings> {
  const text = value(env, 'OUTBOUND_RATE_PER_SECOND');
  if (text === null) return {};
  const rate = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (rate >= 0.01 && rate <= 100) return { outboundRatePerSecond: rate };
  problems.push(`OUTBOUND_RATE_PER_SECOND must be a number from 0.01 to 100, got '${text}'`);
  return {};
}

function readSendTimeout(env: NodeJS.ProcessEnv, problems: string[]): number {
  return readMilliseconds(env, 'SEND_TIMEOUT_MS', DEFAULT_SEND_TIMEOUT_MS, [100, 120_000], problems);
}

/** An ISO date-time with an offset (or Z), or null when unset. */
function readInstant(env: NodeJS.ProcessEnv, name: string, problems: string[]): Date | null {
  const text = value(env, name);
  if (text === null) return null;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isFinite(ms)) return new Date(ms);
  problems.push(`${name} must be an ISO date-time with its offset, such as 2026-03-10T10:00:00-04:00, got '${text}'`);
  return null;
}

/** A whole number of milliseconds within `range`, or the default when unset. */
function readMilliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number, [min, max]: [number, number], problems: string[]): number {
  const text = value(env, name);
  if (text === null) return fallback;
  const ms = /^\d+$/.test(text) ? Number(text) : NaN;
  if (ms >= min && ms <= max) return ms;
  problems.push(`${name} must be a whole number of milliseconds from ${min} to ${max}, got '${text}'`);
  return fallback;
}

/** Admin token, signing key and the widget's allowed origins; an origin is scheme, host and port only. */
function readWebchatSettings(env: NodeJS.ProcessEnv, problems: string[]): Pick<Settings, 'adminToken' | 'webchatSecret' | 'allowedOrigins'> {
  const adminToken = value(env, 'FRONTDESK_ADMIN_TOKEN');
  // A short token can be guessed through the login route; 16 characters is a floor, not a goal.
  if (adminToken !== null && adminToken.length < 16) problems.push('FRONTDESK_ADMIN_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`)');
  const webchatSecret = value(env, 'FRONTDESK_WEBCHAT_SECRET');
  if (webchatSecret !== null && webchatSecret.length < 32) problems.push('FRONTDESK_WEBCHAT_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)');
  const allowedOrigins: string[] = [];
  const originsText = value(env, 'FRONTDESK_ALLOWED_ORIGINS');
  for (const entry of (originsText ?? '').split(/[\s,]+/).filter((e) => e !== '')) {
    const origin = originOf(entry);
    if (origin === null) problems.push(`FRONTDESK_ALLOWED_ORIGINS must list origins like https://salon.example (scheme, host, optional port), got '${entry}'`);
    else allowedOrigins.push(origin);
  }
  return { adminToken: adminToken !== null && adminToken.length >= 16 ? adminToken : null, webchatSecret, allowedOrigins };
}

/** `https://host[:port]` as the browser's Origin header writes it, or null when the text is more or less than an origin. */
function originOf(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || text.replace(/\/+$/, '') !== url.origin) return null;
  return url.origin;
}

function readOpenIdMetadataSettings(env: NodeJS.ProcessEnv, problems: string[]): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const [name, key] of [['ToBotFromChannelOpenIdMetadataUrl', 'channelOpenIdMetadataUrl'], ['ToBotFromEmulatorOpenIdMetadataUrl', 'emulatorOpenIdMetadataUrl']] as const) {
    const text = value(env, name);
    if (text === null) continue;
    const url = baseUrl(text);
    if (url === null) problems.push(`${name} must be an http(s) URL without query string, got '${text}'`);
    else out[key] = url;
  }
  return out;
}
