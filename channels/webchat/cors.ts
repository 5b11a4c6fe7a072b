// Who may call the chat's routes from a browser: the page the server itself serves, and the sites
// the operator lists (FRONTDESK_ALLOWED_ORIGINS) that embed the widget. A request from any other
// site's page is refused outright, not only hidden from it by the browser. Requests with no Origin
// (a same-origin GET, a script on a server) are not a browser's cross-site call and pass.
import type { Request, Response } from 'restify';

export type OriginCheck = { ok: true; cors: string | null } | { ok: false; origin: string };

/** The origins the request itself names as this server's (its Host, and PUBLIC_URL's). */
function ownOrigins(req: Request, publicUrl: string | undefined): string[] {
  const host = req.header('host');
  const own = host ? [`http://${host}`, `https://${host}`] : [];
  if (publicUrl) own.push(new URL(publicUrl).origin);
  return own;
}

export function checkOrigin(req: Request, allowed: readonly string[], publicUrl: string | undefined): OriginCheck {
  const origin = req.header('origin');
  if (!origin) return { ok: true, cors: null };
  if (ownOrigins(req, publicUrl).includes(origin)) return { ok: true, cors: null };
  if (allowed.includes(origin)) return { ok: true, cors: origin };
  return { ok: false, origin };
}

/** The CORS answer for an allowed embedding site: no cookies are involved, the identity travels as a bearer token. */
export function corsHeaders(res: Response, origin: string): void {
  res.header('Access-Control-Allow-Origin', origin);
  res.header('Vary', 'Origin');
  res.header('Access-Control-Allow-Methods', 'GET, POST');
  res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, Last-Event-ID');
  res.header('Access-Control-Max-Age', '600');
}
