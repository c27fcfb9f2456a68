// Server-Sent Events answers of /v1/clean and /v1/describe, for requests that send
// `Accept: text/event-stream` (@fastify/sse negotiates, in its 'dual' mode; other requests get JSON).
//
// Every event's data is one JSON value:
//   sentence  (clean)    one sentence as soon as it is cleaned, in the order they finish (see sentenceView)
//   delta     (describe) {"jsonDelta": "..."}: the next piece of the JSON text jw3 is generating
//   result    the same body the JSON answer of the route has; the last event of a stream that succeeded
//   error     {"code", "message"}: the typed error that ended the stream; the last event of one that failed
// Headers go out with the first event: an error before it (validation, rate limit, overload, a text that
// fails as a whole) is the route's ordinary JSON error with its 4xx/5xx status. A client that disconnects
// cancels the work (the request budget's signal).
import type { SSEReplyInterface } from '@fastify/sse';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toMprError } from '../../lib/errors.ts';
import type { StreamMetrics, StreamOperation } from '../../lib/metrics/index.ts';
import { firstResultClock } from '../streaming/first-result.ts';

export type EventName = 'sentence' | 'delta' | 'result' | 'error';

export type Emit = (event: Exclude<EventName, 'result' | 'error'>, data: unknown) => void;

export interface EventStream {
  /**
   * Runs `work`, which emits events as it goes and returns the result's body, then sends that as the
   * `result` event (or the error that ended it as `error`, once the stream has started).
   */
  answer(work: (emit: Emit) => Promise<unknown>): Promise<void>;
}

/** The request's event stream, or undefined when it asked for JSON. */
export function eventStreamOf(
  request: FastifyRequest,
  reply: FastifyReply,
  operation: StreamOperation,
  /** Sets the answer's own headers, before the first event sends them. */
  setHeaders: () => void,
  metrics?: StreamMetrics,
): EventStream | undefined {
  // @fastify/sse attaches reply.sse only to requests that accept text/event-stream.
  const sse = (reply as { sse?: SSEReplyInterface }).sse;
  if (!sse) return undefined;
  return {
    answer: async (work) => {
      const firstEvent = firstResultClock(operation, 'http', () => reply.elapsedTime, metrics);
      let started = false;
      const send = (event: EventName, data: unknown) => {
        if (!sse.isConnected) return;
        if (!started) {
          setHeaders();
          started = true;
        }
        firstEvent();
        // Written at once, in call order; a write to a connection that has just closed is dropped.
        sse.send({ event, data }).catch(() => undefined);
      };
      try {
        const result = await work(send);
        send('result', result);
      } catch (error) {
        if (!started) throw error;
        const typed = toMprError(error);
        if (typed.code === 'internal') request.log.error({ err: typed.cause ?? typed }, 'internal error');
        send('error', typed.toJSON());
      }
    },
  };
}
