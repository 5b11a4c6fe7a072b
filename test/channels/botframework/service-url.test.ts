// The serviceUrl allow-list and the caller gate of /api/messages, as tables: which URLs the bot
// may call with and without a MicrosoftAppId, which operator entries are accepted, and which
// requests are refused before the activity is read.
import { readSettings, SettingsError } from '../../../bot/config/settings';
import { isLoopback, parseServiceHost, serviceUrlRule, serviceUrlRuleFor } from '../../../bot/config/service-urls';
import { judgeCaller } from '../../../channels/botframework/caller-gate';

describe('serviceUrl allow-list', () => {
  const anonymous = serviceUrlRule({ authenticated: false });
  const registered = serviceUrlRule({ authenticated: true });

  it.each([
    ['the Emulator on localhost', 'http://localhost:52345'],
    ['127.0.0.1', 'http://127.0.0.1:9'],
    ['anywhere in 127.0.0.0/8', 'http://127.8.9.10:3000/'],
    ['IPv6 loopback', 'http://[::1]:4000'],
    ['https on loopback', 'https://localhost'],
  ])('in anonymous mode allows %s', (_name, url) => {
    expect(anonymous.allows(url)).toBe(true);
  });

  it.each([
    ['a public host', 'https://attacker.example'],
    ["Bot Framework's own hosts (nothing proves the request came from them)", 'https://webchat.botframework.com/'],
    ['a private network address', 'http://10.0.0.5:8080'],
    ['a host named like loopback', 'http://localhost.attacker.example'],
    ['127.0.0.1 as a subdomain', 'http://127.0.0.1.nip.io'],
    ['credentials in front of another host', 'http://localhost@attacker.example'],
    ['another scheme', 'ftp://localhost/'],
    ['something that is no URL', 'localhost:3978'],
    ['an empty string', ''],
    ['no serviceUrl at all', undefined],
    ['a non-string', { href: 'http://localhost' }],
  ])('in anonymous mode refuses %s', (_name, url) => {
    expect(anonymous.allows(url)).toBe(false);
  });

  it.each([
    ['Web Chat', 'https://webchat.botframework.com/'],
    ['Direct Line', 'https://directline.botframework.com/'],
    ['regional Direct Line', 'https://europe.directline.botframework.com/'],
    ['Teams (public cloud)', 'https://smba.trafficmanager.net/amer/'],
    ['Teams GCC', 'https://smba.infra.gcc.teams.microsoft.com/teams'],
    ['Teams GCC High', 'https://smba.infra.gov.teams.microsoft.us/teams'],
    ['Teams DoD', 'https://smba.infra.dod.teams.microsoft.us/teams'],
    ['US Government Direct Line', 'https://directline.botframework.azure.us/'],
    ['the China cloud', 'https://directline.botframework.azure.cn/'],
    ['a host name written with a trailing dot', 'https://webchat.botframework.com./'],
  ])('with an app id allows %s', (_name, url) => {
    expect(registered.allows(url)).toBe(true);
  });

  it.each([
    ['plain http to a Bot Framework host', 'http://webchat.botframework.com/'],
    ['a look-alike host', 'https://botframework.com.attacker.example/'],
    ['a host ending in the name without the dot', 'https://evilbotframework.com/'],
    ['any other traffic manager name (anyone can make one)', 'https://attacker.trafficmanager.net/'],
    ['loopback (the Emulator needs BOT_SERVICE_URL_HOSTS then)', 'http://localhost:52345'],
    ['credentials in front of another host', 'https://smba.trafficmanager.net@attacker.example/'],
  ])('with an app id refuses %s', (_name, url) => {
    expect(registered.allows(url)).toBe(false);
  });

  it("adds the operator's hosts (BOT_SERVICE_URL_HOSTS) to Bot Framework's, https unless an entry says http", () => {
    const settings = readSettings(
      { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', BOT_SERVICE_URL_HOSTS: 'dl.example.org, *.bots.example.net http://localhost' },
      { dataDir: '/tmp/unused' },
    );
    const rule = serviceUrlRuleFor(settings);
    expect(rule.mode).toBe('bot_framework');
    expect(rule.allows('https://dl.example.org/.bot/')).toBe(true);
    expect(rule.allows('http://dl.example.org/.bot/')).toBe(false);
    expect(rule.allows('https://eu.bots.example.net/')).toBe(true);
    expect(rule.allows('https://bots.example.net/')).toBe(false);
    expect(rule.allows('http://localhost:52345')).toBe(true);
    expect(rule.allows('https://smba.trafficmanager.net/emea/')).toBe(true);
  });

  it('keeps anonymous mode on loopback even when operator hosts are set', () => {
    const settings = readSettings({ BOT_SERVICE_URL_HOSTS: 'dl.example.org' }, { dataDir: '/tmp/unused' });
    const rule = serviceUrlRuleFor(settings);
    expect(rule.mode).toBe('loopback');
    expect(rule.allows('https://dl.example.org/')).toBe(false);
  });

  it.each([
    ['dl.example.org', { host: 'dl.example.org', allowHttp: false }],
    ['*.Example.org', { host: '*.example.org', allowHttp: false }],
    ['https://dl.example.org/', { host: 'dl.example.org', allowHttp: false }],
    ['http://localhost', { host: 'localhost', allowHttp: true }],
    ['dl.example.org/path', null],
    ['*', null],
    ['a*.example.org', null],
    ['user@dl.example.org', null],
    ['ftp://dl.example.org', null],
  ])('reads the operator entry %s', (entry, expected) => {
    expect(parseServiceHost(entry)).toEqual(expected);
  });

  it('names each bad BOT_SERVICE_URL_HOSTS entry', () => {
    expect(() => readSettings({ BOT_SERVICE_URL_HOSTS: 'ok.example.org,bad/entry' }, { dataDir: '/tmp/unused' })).toThrow(
      /BOT_SERVICE_URL_HOSTS .*'bad\/entry'/,
    );
    expect(() => readSettings({ BOT_SERVICE_URL_HOSTS: 'bad/entry' }, { dataDir: '/tmp/unused' })).toThrow(SettingsError);
  });

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.255.0.1', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['localhost.example', false],
    ['', false],
  ])('isLoopback(%s) is %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('the /api/messages caller gate', () => {
  const anonymousLocal = { microsoftAppId: null, anonymousAccess: 'local' as const };
  const anonymousRemote = { microsoftAppId: null, anonymousAccess: 'remote' as const };
  const registered = { microsoftAppId: 'app', anonymousAccess: 'local' as const };
  const loopbackRule = serviceUrlRule({ authenticated: false });
  const botFrameworkRule = serviceUrlRule({ authenticated: true });
  const activity = (serviceUrl: unknown) => ({ type: 'message', serviceUrl });

  it('lets an anonymous request from this machine with a loopback serviceUrl through', () => {
    expect(judgeCaller(anonymousLocal, loopbackRule, { remoteAddress: '127.0.0.1', body: activity('http://localhost:9') })).toEqual({ ok: true });
    expect(judgeCaller(anonymousLocal, loopbackRule, { remoteAddress: '::ffff:127.0.0.1', body: activity('http://localhost:9') })).toEqual({ ok: true });
  });

  it('refuses an anonymous request from another address with 403', () => {
    expect(judgeCaller(anonymousLocal, loopbackRule, { remoteAddress: '192.168.1.20', body: activity('http://localhost:9') })).toMatchObject({
      ok: false,
      status: 403,
      error: 'frontdesk_anonymous_remote_refused',
    });
    expect(judgeCaller(anonymousLocal, loopbackRule, { remoteAddress: undefined, body: activity('http://localhost:9') })).toMatchObject({ ok: false });
  });

  it('lets anonymous requests from elsewhere through when FRONTDESK_ALLOW_ANONYMOUS=remote says so', () => {
    expect(judgeCaller(anonymousRemote, loopbackRule, { remoteAddress: '192.168.1.20', body: activity('http://localhost:9') })).toEqual({ ok: true });
  });

  it('with an app id lets any address through (its token is checked next)', () => {
    expect(judgeCaller(registered, botFrameworkRule, { remoteAddress: '52.1.2.3', body: activity('https://smba.trafficmanager.net/amer/') })).toEqual({ ok: true });
  });

  it('refuses a serviceUrl off the allow-list with 403, from any caller', () => {
    expect(judgeCaller(anonymousLocal, loopbackRule, { remoteAddress: '127.0.0.1', body: activity('https://attacker.example/') })).toMatchObject({
      ok: false,
      status: 403,
      error: 'frontdesk_service_url_refused',
    });
    expect(judgeCaller(registered, botFrameworkRule, { remoteAddress: '52.1.2.3', body: activity('http://127.0.0.1:9') })).toMatchObject({
      ok: false,
      status: 403,
      error: 'frontdesk_service_url_refused',
    });
  });

  it('leaves bodies that are not activities to the shape check (a 400 there)', () => {
    expect(judgeCaller(anonymousLocal, loopbackRule, { remoteAddress: '127.0.0.1', body: 'text' })).toEqual({ ok: true });
    expect(judgeCaller(anonymousLocal, loopbackRule, { remoteAddress: '127.0.0.1', body: activity(42) })).toEqual({ ok: true });
    expect(judgeCaller(anonymousLocal, loopbackRule, { remoteAddress: '127.0.0.1', body: activity('javascript:alert(1)') })).toEqual({ ok: true });
  });
});
