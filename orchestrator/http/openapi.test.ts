import { expect, it } from 'vitest';
import { mergeResponses } from './openapi.ts';

it("keeps a route's own event-stream answer beside the documented JSON answer", () => {
  const documented = {
    200: { description: 'The answer', type: 'object' },
    400: { description: 'Bad', type: 'object' },
  };
  const own = { 200: { content: { 'text/event-stream': { schema: { type: 'string' } } } } };
  expect(mergeResponses(own, documented)).toEqual({
    200: {
      description: 'The answer',
      content: {
        'application/json': { schema: { type: 'object' } },
        'text/event-stream': { schema: { type: 'string' } },
      },
    },
    400: { description: 'Bad', type: 'object' },
  });
  // A route's own JSON schema for a status is what it serves, so it wins.
  expect(mergeResponses({ 400: { description: 'Own', type: 'string' } }, documented)[400]).toEqual({
    description: 'Own',
    type: 'string',
  });
  expect(mergeResponses(undefined, documented)).toEqual(documented);
});
