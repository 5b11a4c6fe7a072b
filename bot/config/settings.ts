// Runtime settings from the environment. This is the only module that reads process.env: every
// other part of the project receives a `Settings` value, which keeps tests free of env juggling.

import path from 'node:path';

export interface Settings {
  port: number;
  /** Absolute directory for the embedded store. */
  dataDir: string;
  /** Absolute path of the business YAML, or null for the demo business. */
  configPath: string | null;
  logLevel: string;
  microsoftAppId: string | null;
  microsoftAppPassword: string | null;
  microsoftAppTenantId: string | null;
  /** MultiTenant, SingleTenant or UserAssignedMSI, as the Bot Framework names them. */
  microsoftAppType: string;
}

export const DEFAULT_PORT = 3978;
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

  const dataDirText = value(env, 'DATA_DIR');
  const configText = value(env, 'FRONTDESK_CONFIG');
  const settings: Settings = {
    port,
    dataDir: path.resolve(dataDirText ?? 'data'),
    configPath: configText === null ? null : path.resolve(configText),
    logLevel,
    microsoftAppId: value(env, 'MicrosoftAppId'),
    microsoftAppPassword: value(env, 'MicrosoftAppPassword'),
    microsoftAppTenantId: value(env, 'MicrosoftAppTenantId'),
    microsoftAppType,
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

  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}
