import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from './config.js';

/**
 * Response headers that make the browser enforce what the server cannot (issue 10, ASVS V14.4). Set by hand
 * rather than through a plugin so the whole policy can be read in one screen.
 */

function policy(directives: Record<string, string>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

const LOCKED_DOWN = {
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
};

/**
 * The web app: only its own scripts and styles, no inline code, nothing from elsewhere. React sets style
 * properties through the CSSOM, which `style-src` does not govern, so the built app needs no 'unsafe-inline'
 * (checked in the browser journeys: e2e/support/browser.ts fails a journey on any CSP violation).
 */
export const APP_CSP = policy({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self'",
  'font-src': "'self'",
  'connect-src': "'self'",
  ...LOCKED_DOWN,
});

/** JSON answers load nothing at all. */
export const API_CSP = policy({ 'default-src': "'none'", ...LOCKED_DOWN });

/**
 * Swagger UI (/api/docs) styles with inline style attributes and draws its icons from data: URIs; its
 * scripts are still only its own files.
 */
export const DOCS_CSP = policy({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  ...LOCKED_DOWN,
});

/** Features Lotse never uses, switched off for the page and anything it might embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'payment',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** One year; only sent where the browser reached Lotse over TLS, so a plain-HTTP test set-up is not pinned. */
const HSTS = 'max-age=31536000';

export function overTls(request: FastifyRequest, config: Config): boolean {
  // request.protocol honours X-Forwarded-Proto only when LOTSE_TRUST_PROXY is on.
  return config.cookieSecure === 'always' || request.protocol === 'https';
}

export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, config: Config): void {
  const path = request.url.split('?')[0] ?? '';
  const csp = path.startsWith('/api/docs') ? DOCS_CSP : path.startsWith('/api/') ? API_CSP : APP_CSP;
  reply.header('content-security-policy', csp);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('permissions-policy', PERMISSIONS_POLICY);
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  if (overTls(request, config)) reply.header('strict-transport-security', HSTS);
}
