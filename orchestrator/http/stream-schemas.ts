// The Server-Sent Events answers of /v1/clean and /v1/describe, as route response schemas, so that the
// OpenAPI document shows them beside the JSON answers. Only `text/event-stream` is declared: fastify
// then serializes JSON answers as before (a JSON response schema would make it drop undeclared fields).
// event-stream.ts writes these events.

const COMMON_EVENTS = [
  '- `result`: the same body as the `application/json` answer; the last event of a stream that succeeded.',
  '- `error`: `{"code", "message"}`, the typed error that ended the stream (codes as in the Error schema);',
  '  the last event of a stream that failed. An error before the first event is the ordinary JSON error',
  '  with its HTTP status instead, so a stream that starts has status 200.',
  '',
  'Each event is `event: <name>` then `data: <one JSON value>` and a blank line; comment lines',
  '(`: heartbeat`) keep an idle connection open. Closing the connection cancels the work.',
];

const eventStream = (description: string[], example: string) => ({
  schema: {
    type: 'string',
    description: [...description, ...COMMON_EVENTS].join('\n'),
    examples: [example],
  },
});

const cleanEvents = eventStream(
  [
    'Sent when the request has `Accept: text/event-stream`. Events:',
    '- `sentence`: one sentence as soon as it is cleaned, in the order sentences finish (not text order):',
    '  `{index, sentenceCount, start, end, cleanedText, edits, skipped, skipReason, verifiedClean,',
    '  guardFallback, error?}`. `start`/`end` and the edit offsets are UTF-16 code units into the whole',
    '  text; `cleanedText` replaces `text[start, end)`. A sentence that failed has `error` and keeps its text.',
  ],
  [
    'event: sentence',
    'data: {"index":1,"sentenceCount":2,"start":13,"end":25,"cleanedText":"I receive it.","edits":[{"start":15,"end":22,"original":"recieve","replacement":"receive","kind":"spelling","message":"unknown word"}],"skipped":false,"skipReason":null,"verifiedClean":false,"guardFallback":false}',
    '',
    'event: sentence',
    'data: {"index":0,"sentenceCount":2,"start":0,"end":12,"cleanedText":"Hello there.","edits":[],"skipped":true,"skipReason":"already_clean","verifiedClean":false,"guardFallback":false}',
    '',
    'event: result',
    'data: {"cleanedText":"Hello there. I receive it.","edits":[...],"skipped":false,...}',
    '',
  ].join('\n'),
);

const describeEvents = eventStream(
  [
    'Sent when the request has `Accept: text/event-stream`. Events:',
    '- `delta`: `{"jsonDelta": "..."}`, the next piece of the JSON text the describer is generating. The',
    '  pieces concatenated are the text so far (not valid JSON before the end); the `result` event carries',
    '  the validated document. The embedded default engine sends its whole document as one piece, as',
    '  does the LLM engine for a schema with parts checked after decoding.',
  ],
  [
    'event: delta',
    'data: {"jsonDelta":"{\\"language\\":"}',
    '',
    'event: delta',
    'data: {"jsonDelta":"\\"en\\"}"}',
    '',
    'event: result',
    'data: {"json":{"language":"en"},"schemaValid":true,...}',
    '',
  ].join('\n'),
);

export const cleanStreamResponse = { 200: { content: { 'text/event-stream': cleanEvents } } } as const;
export const describeStreamResponse = { 200: { content: { 'text/event-stream': describeEvents } } } as const;
