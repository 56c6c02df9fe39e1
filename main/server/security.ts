/**
 * Browser mode's defences. The server listens on 127.0.0.1 only, but any web page the user visits
 * can still reach 127.0.0.1 (CSRF) or rebind a DNS name to it (DNS rebinding). So every API call
 * needs the per-run token, the Host header must name our own address and port, and a cross-origin
 * Origin is refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-reconlens-token';

/** 32 random bytes as URL-safe base64: unguessable, and safe in a query string. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so that response timing does not leak the token byte by byte. */
export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/** The Host values a legitimate page of ours sends. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** DNS-rebinding defence: Host must be ours; Origin, when the browser sends one, must be ours too. */
export function hostAndOriginAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  const hosts = allowedHosts(port);
  const host = headers.host;
  if (typeof host !== 'string' || !hosts.has(host.toLowerCase())) return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (typeof origin !== 'string') return false;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && hosts.has(u.host.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * The renderer's CSP: only our own scripts and styles, no inline script, no frames, no plugins, and
 * connections only back to ourselves. Inline styles are allowed because recharts sets style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Headers sent with every response. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** API answers carry analyst data: never cached. */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
