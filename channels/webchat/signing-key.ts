// The key web chat identities and staff sessions are signed with: FRONTDESK_WEBCHAT_SECRET, else
// one generated on first start and kept in the data directory, so identities outlive a restart.
// Several processes on one data directory read the same file; on Redis set the variable instead.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'webchat-secret';

export function signingKey(secret: string | null, dataDir: string): Buffer {
  if (secret !== null) return Buffer.from(secret, 'utf8');
  const file = path.join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': of two processes starting at once, one writes and the other reads what it wrote.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new Error(`frontdesk_webchat_secret_invalid: ${file} holds no usable key; delete it to have a new one made (every web chat identity starts afresh)`);
  return Buffer.from(text, 'utf8');
}
