// The playground page at `/`: static files built in the repository (web/, see web/README.md), served by
// jw1 itself so that it works offline. Only the files present at start are routes; other paths reach the
// gateway's typed 404.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** web/public beside the sources, or dist/web/public beside the compiled modules (`npm run build`). */
export const PLAYGROUND_ROOT = fileURLToPath(new URL('../../web/public/', import.meta.url));

// The page loads nothing but its own files and talks to nothing but this origin.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function registerPlayground(app: FastifyInstance): void {
  if (!existsSync(`${PLAYGROUND_ROOT}index.html`)) {
    app.log.warn({ root: PLAYGROUND_ROOT }, 'playground assets not found; / is not served');
    return;
  }
  app.register(fastifyStatic, {
    root: PLAYGROUND_ROOT,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    setHeaders: (reply) => {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
    },
  });
}
