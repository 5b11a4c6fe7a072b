import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One structured logger for the process. Phone numbers and message bodies are never logged at
 * info level: callers log ids and lengths there, and bodies only at debug.
 */
export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'frontdesk' },
      redact: { paths: ['text', 'body', 'phone', 'address', '*.text', '*.address', '*.phone'], censor: '[redacted]' },
    },
    destination,
  );
}

/** A logger that drops everything: for tests and one-shot CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * A short, stable stand-in for an identifier that may carry a phone number (an address, a text
 * channel's conversation id), so log lines about one conversation can still be matched up.
 */
export function logTag(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 10);
}
