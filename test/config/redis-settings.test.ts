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

describe('Redis settings', () => {
  it('has no Redis unless REDIS_URL is set, so the embedded store is used', () => {
    const settings = readSettings({});
    expect(settings.redisUrl).toBeUndefined();
    expect(settings.redisPrefix).toBeUndefined();
    expect(readSettings({ REDIS_URL: '  ', REDIS_PREFIX: '' }).redisUrl).toBeUndefined();
  });

  it.each([
    ['redis://127.0.0.1:6379'],
    ['rediss://:secret@cache.example.net:6380/2'],
    ['redis://frontdesk:secret@redis:6379'],
  ])('reads REDIS_URL %s', (url) => {
    expect(readSettings({ REDIS_URL: url }).redisUrl).toBe(url);
  });

  it('reads REDIS_PREFIX', () => {
    expect(readSettings({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: 'maple-street:prod' }).redisPrefix).toBe('maple-street:prod');
  });

  it.each([['http://127.0.0.1:6379'], ['127.0.0.1:6379'], ['not a url']])('refuses REDIS_URL %s', (url) => {
    expect(problemsFor({ REDIS_URL: url })).toEqual(['REDIS_URL must be a redis:// or rediss:// URL like redis://127.0.0.1:6379']);
  });

  it('never repeats a REDIS_URL it refuses, which may hold a password', () => {
    const problems = problemsFor({ REDIS_URL: 'redi://user:hunter2@cache:6379' });
    expect(problems).toHaveLength(1);
    expect(problems.join()).not.toContain('hunter2');
  });

  it.each([['front desk'], ['front*desk'], ['[x]'], ['-leading'], ['x'.repeat(65)]])('refuses REDIS_PREFIX %j', (prefix) => {
    expect(problemsFor({ REDIS_PREFIX: prefix })).toEqual([expect.stringContaining('REDIS_PREFIX must be')]);
  });
});
