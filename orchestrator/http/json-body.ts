// Request bodies are strict UTF-8 JSON with a nesting limit: anything else is a typed malformed_json
// (or the depth limit's own error), never fastify's generic parse error.
import type { FastifyInstance } from 'fastify';
import { MprError } from '../../lib/errors.ts';
import { assertJsonDepth } from '../../lib/json-limits.ts';
import { decodeUtf8Strict } from '../../lib/text-input.ts';

export function registerJsonBodyParser(app: FastifyInstance, bodyLimit: number, jsonMaxDepth: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    try {
      const text = decodeUtf8Strict(body as Buffer);
      if (text.trim() === '') throw new MprError('malformed_json', 'request body is empty');
      assertJsonDepth(text, jsonMaxDepth);
      done(null, JSON.parse(text));
    } catch (error) {
      done(
        error instanceof MprError
          ? error
          : new MprError('malformed_json', `request body is not valid JSON: ${(error as Error).message}`),
      );
    }
  });
}
