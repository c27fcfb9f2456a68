// Every failure the gateway can produce, as `{error: {code, message}}` with the status from the one
// error table in lib/errors.ts. Fastify's own errors (media type, body size, JSON syntax, schema) are
// translated to the same codes.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { MprError, toMprError } from '../../lib/errors.ts';

const FASTIFY_CODES: Record<string, () => MprError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new MprError('unsupported_media_type', 'Content-Type must be application/json'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new MprError('text_too_large', 'request body is larger than the limit'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new MprError('malformed_json', 'request body is empty'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new MprError('malformed_json', 'request body is not valid JSON'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new MprError('malformed_json', 'Content-Length does not match the body'),
};

/** The schema's complaint, naming the field when it is one the schema does not know. */
function validationMessage(error: Partial<FastifyError>): string {
  const context = error.validationContext ?? 'body';
  const first = error.validation?.[0];
  if (first?.keyword === 'additionalProperties') {
    const where = first.instancePath.replaceAll('/', '.');
    return `${context}${where} has an unknown field "${String(first.params.additionalProperty)}"`;
  }
  return `${context}${error.message?.replace(/^body/, '') ?? ''}`;
}

function toGatewayError(error: unknown): MprError {
  if (error instanceof MprError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) return new MprError('invalid_argument', validationMessage(fastifyError));
  if (fastifyError.code && FASTIFY_CODES[fastifyError.code]) return FASTIFY_CODES[fastifyError.code]!();
  if (error instanceof SyntaxError)
    return new MprError('malformed_json', `request body is not valid JSON: ${error.message}`);
  return toMprError(error);
}

export function sendError(reply: FastifyReply, error: unknown, request?: FastifyRequest): FastifyReply {
  const typed = toGatewayError(error);
  if (typed.code === 'internal') request?.log.error({ err: typed.cause ?? typed }, 'internal error');
  // RFC 6750: a 401 names the scheme the client should use.
  if (typed.code === 'unauthenticated') reply.header('www-authenticate', 'Bearer realm="mpr"');
  if (typed.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(Math.max(1, Math.ceil(typed.retryAfterSeconds))));
  return reply.status(typed.httpStatus).send({ error: typed.toJSON() });
}
