// The OpenAPI document at /openapi.json: valid OpenAPI 3.1 by a validator this project did not write,
// listing every route the gateway declares and every typed error code, with answer schemas that real
// answers of the running system satisfy. /docs serves the reference page from jw1 itself.
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { ERROR_TABLE, type ErrorCode } from '../../lib/errors.ts';
import { createLogger } from '../../lib/logger.ts';
import { createMetricsRegistry, httpMetrics } from '../../lib/metrics/index.ts';
import { buildGateway } from '../../orchestrator/http/app.ts';
import { API_KEY_HEADER, REQUEST_ID_HEADER, TIMEOUT_HEADER } from '../../orchestrator/http/headers.ts';
import { DOCS_PREFIX, OPENAPI_PATH, declaredRoutes } from '../../orchestrator/http/openapi.ts';
import { getJson, postJson, postRaw, startTestSystem, type HttpResult } from '../support/system.ts';

type Operation = {
  summary?: string;
  parameters?: { in: string; name: string }[];
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: object }> }>;
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, any> };
};

let system: RunningSystem;
let base: string;
let doc: Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  system = await startTestSystem('all');
  base = `http://127.0.0.1:${system.ports.http}`;
  const served = await getJson(base, OPENAPI_PATH);
  expect(served.status).toBe(200);
  doc = served.body as Document;
});
afterAll(() => system?.stop());

/** The documented schema of `status` for `method path`, as served. */
function answerSchema(method: string, path: string, status: number): object {
  const operation = doc.paths[path]?.[method];
  expect(operation, `${method} ${path} is documented`).toBeDefined();
  const schema = operation!.responses[String(status)]?.content?.['application/json']?.schema;
  expect(schema, `${method} ${path} documents a JSON answer for ${status}`).toBeDefined();
  return schema!;
}

function expectConforms(method: string, path: string, result: HttpResult): void {
  const validate = ajv.compile(answerSchema(method, path, result.status));
  expect(validate(result.body), `${method} ${path} ${result.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every route the gateway declares, each with a summary and an answer schema', async () => {
    const registry = createMetricsRegistry('test');
    const app: FastifyInstance = await buildGateway({
      pipeline: {} as never,
      agents: {} as never,
      logger: createLogger({ level: 'silent', component: 'test' }),
      maxTextBytes: 1024,
      maxBatchItems: 2,
      requestTimeoutMs: 1000,
      isAccepting: () => true,
      metrics: { registry, http: httpMetrics(registry) },
    });
    await app.ready();
    const routes = declaredRoutes(app).filter((route) => route.method !== 'HEAD');
    await app.close();
    const api = routes.filter((route) => !route.hidden).map((route) => `${route.method} ${route.url}`);
    // Only the reference page's files, the document itself and the playground's files are left out.
    const hidden = routes.filter((route) => route.hidden).map((route) => route.url);
    for (const url of hidden) expect(url).toMatch(/^(\/docs(\/.*)?|\/openapi\.json|\/|\/[\w.-]+\.(html|js|css|svg))$/);
    expect(api).toEqual(
      expect.arrayContaining(['POST /v1/clean', 'POST /v1/describe', 'GET /healthz', 'GET /readyz', 'GET /metrics']),
    );
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // fastify spells a literal colon `::`; the document, as clients do, with one.
    expect(documented.sort()).toEqual(api.map((route) => route.replace('::', ':')).sort());
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(operation.responses['200']?.content, `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('lists every error code under its HTTP status on each /v1/ route, and all of them in the Error schema', () => {
    const codes = Object.keys(ERROR_TABLE) as ErrorCode[];
    expect(doc.components.schemas.Error.properties.error.properties.code.enum.sort()).toEqual([...codes].sort());
    const v1 = Object.entries(doc.paths).filter(([path]) => path.startsWith('/v1/'));
    expect(v1.length).toBe(5);
    for (const [path, operations] of v1) {
      const operation = operations.post!;
      for (const code of codes.filter((code) => code !== 'not_found')) {
        const status = String(ERROR_TABLE[code].http);
        const response = operation.responses[status];
        const schema = response?.content?.['application/json']?.schema as any;
        expect(schema?.properties.error.properties.code.enum, `${path} ${status}`).toContain(code);
        if ('retryAfterSeconds' in ERROR_TABLE[code])
          expect(response?.headers, `${path} ${status}`).toHaveProperty('retry-after');
      }
      if (path === '/v1/clean' || path === '/v1/describe')
        expect(Object.keys(operation.responses['200']?.content ?? {}).sort(), path).toEqual([
          'application/json',
          'text/event-stream',
        ]);
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect(headers).toEqual(expect.arrayContaining([REQUEST_ID_HEADER, TIMEOUT_HEADER]));
      // The API key (x-api-key or a bearer token) is a security scheme, optional as authentication may be off.
      expect((operation as { security?: object[] }).security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }, {}]);
    }
    const schemes = (doc.components as { securitySchemes?: Record<string, { type: string; name?: string }> })
      .securitySchemes;
    expect(schemes?.apiKeyHeader).toMatchObject({ type: 'apiKey', name: API_KEY_HEADER });
    expect(schemes?.bearerAuth).toMatchObject({ type: 'http' });
  });
});

describe('real answers match the documented schemas', () => {
  it('for successful answers of every route', async () => {
    expectConforms('post', '/v1/clean', await postJson(base, '/v1/clean', { text: 'She go to scool evry day .' }));
    expectConforms('post', '/v1/clean', await postJson(base, '/v1/clean', { text: 'ok' }));
    expectConforms(
      'post',
      '/v1/describe',
      await postJson(base, '/v1/describe', { text: 'Ship it by Friday.', task: 'decision' }),
    );
    const schema = { type: 'object', required: ['topic'], properties: { topic: { type: 'string' } } };
    expectConforms('post', '/v1/describe', await postJson(base, '/v1/describe', { text: 'Cats purr.', schema }));
    expectConforms('post', '/v1/process', await postJson(base, '/v1/process', { text: 'I recieve mail.' }));
    const batch = await postJson(base, '/v1/clean:batch', { items: [{ text: 'I recieve mail.' }, { text: 5 }] });
    expect(batch.body.items[1].error.code).toBe('invalid_argument');
    expectConforms('post', '/v1/clean:batch', batch);
    expectConforms('get', '/healthz', await getJson(base, '/healthz'));
    expectConforms('get', '/readyz', await getJson(base, '/readyz'));
  });

  it('for typed errors', async () => {
    const wrongType = await postJson(base, '/v1/clean', { text: 5 });
    expect(wrongType.status).toBe(400);
    expectConforms('post', '/v1/clean', wrongType);
    const unknownTask = await postJson(base, '/v1/describe', { text: 'Hello there.', task: 'nope' });
    expect(unknownTask.body.error.code).toBe('unknown_task');
    expectConforms('post', '/v1/describe', unknownTask);
    const plain = await postRaw(base, '/v1/clean', 'hello', 'text/plain');
    expect(plain.status).toBe(415);
    expectConforms('post', '/v1/clean', plain);
    const missing = await getJson(base, '/v1/nothing-here');
    expect(missing.status).toBe(404);
    const validateError = ajv.compile(doc.components.schemas.Error);
    expect(validateError(missing.body), ajv.errorsText(validateError.errors)).toBe(true);
  });
});

describe('the reference page at /docs', () => {
  it('is served by jw1 with its assets, and names no other host', async () => {
    const page = await fetch(`${base}${DOCS_PREFIX}/`, { signal: AbortSignal.timeout(10_000) });
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      expect(asset, 'a local asset').not.toMatch(/^(https?:)?\/\//);
      const response = await fetch(new URL(asset, `${base}${DOCS_PREFIX}/`), { signal: AbortSignal.timeout(10_000) });
      expect(response.status, asset).toBe(200);
      await response.arrayBuffer();
    }
  });
});
