// Bolt and the Web API client log through their own Logger interface; this one forwards to pino
// under a `slack` component. Their info lines describe individual requests, so they go to debug:
// info stays free of anything a request carries.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../bot/log';

function line(parts: unknown[]): { msg: string; err?: unknown } {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts.filter((p) => !(p instanceof Error)).map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return err === undefined ? { msg } : { msg, err };
}

export function slackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack' });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...parts: unknown[]) => {
      const { msg, err } = line(parts);
      child.trace({ err }, msg);
    },
    info: (...parts: unknown[]) => {
      const { msg, err } = line(parts);
      child.debug({ err }, msg);
    },
    warn: (...parts: unknown[]) => {
      const { msg, err } = line(parts);
      child.warn({ err }, msg);
    },
    error: (...parts: unknown[]) => {
      const { msg, err } = line(parts);
      child.error({ err }, msg);
    },
    // The pino level decides what is written; these only keep the interface honest.
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
