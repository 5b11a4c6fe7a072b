// The page's own files (channels/webchat/public) and Web Chat's prebuilt bundle from
// node_modules, served from this server (no CDN): read once, gzipped once, with the headers a
// page needs (type, caching, nosniff, and a content security policy for the HTML).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'restify';

export const PUBLIC_DIR = path.join(__dirname, 'public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Web Chat styles itself with inline styles and keeps no script outside its bundle; nothing on the
 * page loads from elsewhere, and only sites on the allow-list may frame it.
 */
export function pagePolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length > 0 ? ["'self'", ...frameAncestors].join(' ') : "'none'"}`,
  ].join('; ');
}

export interface StaticFile {
  body: Buffer;
  gzipped: Buffer;
  type: string;
}

export function staticFile(file: string, transform?: (text: string) => string): StaticFile {
  const raw = readFileSync(file);
  const body = transform ? Buffer.from(transform(raw.toString('utf8'))) : raw;
  return { body, gzipped: gzipSync(body), type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
}

/** The path of Web Chat's bundle without adaptive cards (the bot sends text and suggested actions only). */
export function webChatBundlePath(): string {
  // The package exports no path to its dist folder; its CommonJS entry is lib/index.js beside it.
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat-minimal.js');
}

export function sendStatic(req: Request, res: Response, file: StaticFile, headers: Record<string, string> = {}): void {
  const gzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
  const body = gzip ? file.gzipped : file.body;
  res.writeHead(200, {
    'content-type': file.type,
    'content-length': String(body.length),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    vary: 'Accept-Encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...headers,
  });
  res.end(body);
}

/** A cache of files built on first use (the Web Chat bundle is 2 MB: not read before someone asks). */
export function lazyFile(build: () => StaticFile): () => StaticFile {
  let file: StaticFile | null = null;
  return () => (file ??= build());
}
