import path from 'node:path';
import { SettingsError, readSettings } from '../../bot/config/settings';

function problemsFor(env: NodeJS.ProcessEnv): string[] {
  try {
    readSettings(env);
  } catch (err) {
    if (err instanceof SettingsError) return err.problems;
    throw err;
  }
  return [];
}

describe('readSettings', () => {
  it('uses the defaults when nothing is set', () => {
    expect(readSettings({})).toEqual({
      port: 3978,
      // Without an app id, anonymous requests are for this machine only.
      host: '127.0.0.1',
      anonymousAccess: 'local',
      botServiceUrlHosts: [],
      dataDir: path.resolve(process.cwd(), 'data'),
      configPath: null,
      logLevel: 'info',
      microsoftAppId: null,
      microsoftAppPassword: null,
      microsoftAppTenantId: null,
      microsoftAppType: 'MultiTenant',
      sendTimeoutMs: 10_000,
      metricsToken: null,
      shutdownGraceMs: 10_000,
      outboundLeaseMs: 60_000,
      clockStart: null,
      adminToken: null,
      webchatSecret: null,
      allowedOrigins: [],
    });
  });

  it('treats blank variables as unset', () => {
    expect(readSettings({ PORT: '', DATA_DIR: '  ', FRONTDESK_CONFIG: '', MicrosoftAppId: '' })).toEqual(readSettings({}));
  });

  it('reads every variable', () => {
    const settings = readSettings({
      PORT: '8080',
      DATA_DIR: 'var/frontdesk',
      FRONTDESK_CONFIG: 'my-salon.yaml',
      LOG_LEVEL: 'DEBUG',
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'app-secret',
      MicrosoftAppTenantId: 'tenant-id',
      MicrosoftAppType: 'singletenant',
      FRONTDESK_METRICS_TOKEN: 'scrape-token',
      SHUTDOWN_GRACE_MS: '2500',
      OUTBOUND_LEASE_MS: '5000',
      FRONTDESK_CLOCK_START: '2026-03-10T10:00:00-04:00',
      FRONTDESK_ADMIN_TOKEN: 'a-long-admin-token-0123',
      FRONTDESK_WEBCHAT_SECRET: 'k'.repeat(32),
      FRONTDESK_ALLOWED_ORIGINS: 'https://salon.example, http://localhost:8080',
    });
    expect(settings).toEqual({
      port: 8080,
      // With an app id every request's token is checked, so all interfaces.
      host: '0.0.0.0',
      anonymousAccess: 'local',
      botServiceUrlHosts: [],
      dataDir: path.resolve(process.cwd(), 'var/frontdesk'),
      configPath: path.resolve(process.cwd(), 'my-salon.yaml'),
      logLevel: 'debug',
      microsoftAppId: 'app-id',
      microsoftAppPassword: 'app-secret',
      microsoftAppTenantId: 'tenant-id',
      microsoftAppType: 'SingleTenant',
      sendTimeoutMs: 10_000,
      metricsToken: 'scrape-token',
      shutdownGraceMs: 2500,
      outboundLeaseMs: 5000,
      clockStart: new Date('2026-03-10T14:00:00.000Z'),
      adminToken: 'a-long-admin-token-0123',
      webchatSecret: 'k'.repeat(32),
      allowedOrigins: ['https://salon.example', 'http://localhost:8080'],
    });
  });

  it('refuses a clock start without its offset, and a lease under a second', () => {
    expect(() => readSettings({ FRONTDESK_CLOCK_START: '2026-03-10T10:00' })).toThrow(/FRONTDESK_CLOCK_START must be an ISO date-time with its offset/);
    expect(() => readSettings({ OUTBOUND_LEASE_MS: '500' })).toThrow(/OUTBOUND_LEASE_MS must be a whole number of milliseconds from 1000 to 3600000/);
  });

  it('keeps absolute paths as given', () => {
    const dir = path.resolve('/srv/frontdesk-data');
    expect(readSettings({ DATA_DIR: dir }).dataDir).toBe(dir);
  });

  it('accepts port 0, which asks for any free port', () => {
    expect(readSettings({ PORT: '0' }).port).toBe(0);
  });

  it.each([
    ['PORT', 'abc', "PORT must be a whole number from 0 to 65535, got 'abc'"],
    ['PORT', '70000', "PORT must be a whole number from 0 to 65535, got '70000'"],
    ['PORT', '39.5', "PORT must be a whole number from 0 to 65535, got '39.5'"],
    ['PORT', '-1', "PORT must be a whole number from 0 to 65535, got '-1'"],
    ['LOG_LEVEL', 'loud', "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'"],
    ['MicrosoftAppType', 'Tenant', "MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI, got 'Tenant'"],
    ['FRONTDESK_ADMIN_TOKEN', 'short', 'FRONTDESK_ADMIN_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`)'],
    ['FRONTDESK_WEBCHAT_SECRET', 'short', 'FRONTDESK_WEBCHAT_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)'],
    ['FRONTDESK_ALLOWED_ORIGINS', 'https://salon.example/book', "FRONTDESK_ALLOWED_ORIGINS must list origins like https://salon.example (scheme, host, optional port), got 'https://salon.example/book'"],
    ['FRONTDESK_ALLOWED_ORIGINS', 'salon.example', "FRONTDESK_ALLOWED_ORIGINS must list origins like https://salon.example (scheme, host, optional port), got 'salon.example'"],
    ['FRONTDESK_ALLOWED_ORIGINS', '*', "FRONTDESK_ALLOWED_ORIGINS must list origins like https://salon.example (scheme, host, optional port), got '*'"],
  ])('rejects %s=%s, naming the variable', (name, value, expected) => {
    expect(problemsFor({ [name]: value })).toEqual([expected]);
  });

  it('throws a SettingsError with a code and every bad variable in the message', () => {
    expect(() => readSettings({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(
      expect.objectContaining({
        code: 'frontdesk_settings_invalid',
        message: expect.stringMatching(/PORT must be[^]*LOG_LEVEL must be/),
      }),
    );
  });

  it('asks for the password when an app id is set', () => {
    expect(problemsFor({ MicrosoftAppId: 'app-id' })).toEqual([
      'MicrosoftAppPassword is required when MicrosoftAppId is set (MicrosoftAppType MultiTenant)',
    ]);
  });

  it('asks for the tenant of a single-tenant app', () => {
    expect(problemsFor({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' })).toEqual([
      'MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant',
    ]);
  });

  it('needs no password for a managed identity', () => {
    const settings = readSettings({ MicrosoftAppId: 'app-id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' });
    expect(settings.microsoftAppType).toBe('UserAssignedMSI');
    expect(settings.microsoftAppPassword).toBeNull();
  });

  it('lets overrides win over the environment, even over a bad value', () => {
    const settings = readSettings({ PORT: 'abc', DATA_DIR: 'env-data' }, { port: 0, configPath: '/tmp/x.yaml' });
    expect(settings.port).toBe(0);
    expect(settings.configPath).toBe('/tmp/x.yaml');
    expect(settings.dataDir).toBe(path.resolve('env-data'));
  });

  it('ignores overrides that were not given', () => {
    expect(readSettings({ PORT: '4000' }, { port: undefined }).port).toBe(4000);
  });
});
