// `mpr serve` with LoRA adapters chosen per request: a tiny base prepared for run-time adapters, three
// PEFT adapters, and a manifest naming the base, the adapters each agent loads, their defaults and the
// cleaner's paraphrase adapter. Requests name an adapter over gRPC and HTTP (`adapter`, and `adapters`
// in /v1/process); an unknown one is a typed 400, never the base model; a manifest reload changes the set
// without a restart, and without a paraphrase adapter paraphrase answers 501 saying how to configure one.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { ERROR_CODE_KEY } from '../../lib/grpc/index.ts';
import { addAdapterInputs, makeTinyAdapter, makeTinyModel } from '../../models/tools/index.ts';
import { call, cleanerClient, deadlineIn, describerClient, orchestratorClient } from '../support/grpc-clients.ts';
import { postJson, startTestSystem } from '../support/system.ts';

let dir: string;
let system: RunningSystem;
let manifest: string;

function manifestText(cleanerAdapters: string[], paraphraseAdapter: string | null): string {
  return `version: 1
bases:
  tiny:
    path: ./prepared
    adapters:
      grammar: ./grammar
      paraphrase: ./paraphrase
      knowledge: ./knowledge
agents:
  cleaner:
    base: tiny
    adapters: [${cleanerAdapters.join(', ')}]
    defaultAdapter: grammar
${paraphraseAdapter ? `    paraphraseAdapter: ${paraphraseAdapter}\n` : ''}  describer:
    base: tiny
    adapters: [knowledge]
    defaultAdapter: knowledge
`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-adapters-serve-'));
  const base = await makeTinyModel({ out: join(dir, 'base'), seed: 5, hidden: 32, heads: 2, kvHeads: 1 });
  for (const [i, name] of ['grammar', 'paraphrase', 'knowledge'].entries()) {
    await makeTinyAdapter({ out: join(dir, name), config: base.config, seed: i + 1, rank: 4, alpha: 8 });
  }
  await cp(base.dir, join(dir, 'prepared'), { recursive: true, filter: (path) => !path.includes('.onnx') });
  await addAdapterInputs({ input: join(base.dir, base.onnxFile), output: join(dir, 'prepared', base.onnxFile) });
  manifest = join(dir, 'registry.yaml');
  await writeFile(manifest, manifestText(['grammar', 'paraphrase'], 'paraphrase'));
  const prepared = join(dir, 'prepared');
  system = await startTestSystem('all', { cleanerModel: prepared, describerModel: prepared, modelManifest: manifest });
});

afterAll(async () => {
  await system?.stop();
  await rm(dir, { recursive: true, force: true });
});

const http = () => `http://127.0.0.1:${system.ports.http}`;

describe('adapters chosen per request', () => {
  it('runs the adapter a gRPC call names, and refuses one the agent does not hold with unknown_adapter', async () => {
    const cleaner = cleanerClient(system.ports.cleaner!);
    const ok = await call<any>((cb) =>
      cleaner.Clean({ text: 'She go home.', adapter: 'paraphrase' }, deadlineIn(20_000), cb),
    );
    expect(ok.error).toBeNull();
    expect(ok.response.engine.kind).toBe('llm');
    // knowledge is the describer's adapter, not the cleaner's.
    const refused = await call<any>((cb) =>
      cleaner.Clean({ text: 'She go home.', adapter: 'knowledge' }, deadlineIn(20_000), cb),
    );
    expect(refused.error?.code).toBe(3); // INVALID_ARGUMENT
    expect(refused.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unknown_adapter']);
    cleaner.close();

    const describer = describerClient(system.ports.describer!);
    const described = await call<any>((cb) =>
      describer.Describe({ text: 'The parcel is late.', task: 'traits', adapter: 'knowledge' }, deadlineIn(60_000), cb),
    );
    expect(described.error).toBeNull();
    expect(described.response.schemaValid).toBe(true);
    const unknown = await call<any>((cb) =>
      describer.Describe({ text: 'The parcel is late.', adapter: 'grammar' }, deadlineIn(20_000), cb),
    );
    expect(unknown.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unknown_adapter']);
    describer.close();
  });

  it('takes `adapter` over HTTP and `adapters` in /v1/process; an unknown name is a typed 400', async () => {
    const clean = await postJson(http(), '/v1/clean', { text: 'Their going home.', adapter: 'grammar' });
    expect(clean.status).toBe(200);
    const unknown = await postJson(http(), '/v1/clean', { text: 'Their going home.', adapter: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_adapter');
    const processed = await postJson(http(), '/v1/process', {
      text: 'Their going home.',
      mode: 'describe',
      task: 'traits',
      adapters: { describe: 'grammar' },
    });
    expect(processed.status).toBe(400);
    expect(processed.body.error.code).toBe('unknown_adapter');
    const bad = await postJson(http(), '/v1/process', { text: 'x', adapters: { summarize: 'grammar' } });
    expect(bad.status).toBe(400);
  });

  it('refuses an unknown adapter on texts jw1 answers without the model (trivial, already clean, mixed)', async () => {
    // 'x' and ':-)' are trivial to the skip-gate, which answers them without jw2; a text of several
    // sentences mixes such a sentence with one jw2 sees. None of them may hide the unknown name.
    for (const text of ['x', ':-)', 'x. The cat sat on the mat.', 'The cat sat on the mat.']) {
      const refused = await postJson(http(), '/v1/clean', { text, adapter: 'nope' });
      expect({ text, status: refused.status, code: refused.body.error?.code }).toEqual({
        text,
        status: 400,
        code: 'unknown_adapter',
      });
    }
    const orchestrator = orchestratorClient(system.ports.grpc!);
    const viaGrpc = await call<any>((cb) => orchestrator.Clean({ text: 'x', adapter: 'nope' }, deadlineIn(20_000), cb));
    expect(viaGrpc.error?.code).toBe(3); // INVALID_ARGUMENT
    expect(viaGrpc.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unknown_adapter']);
    orchestrator.close();
    // jw2's Check names the adapter too, so jw1 can vouch for one without running the model.
    const cleaner = cleanerClient(system.ports.cleaner!);
    const checked = await call<any>((cb) => cleaner.Check({ text: '', adapter: 'nope' }, deadlineIn(20_000), cb));
    expect(checked.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unknown_adapter']);
    const held = await call<any>((cb) => cleaner.Check({ text: '', adapter: 'grammar' }, deadlineIn(20_000), cb));
    expect(held.error).toBeNull();
    cleaner.close();
    // A held adapter keeps the skip: the trivial text is answered without the model.
    const trivial = await postJson(http(), '/v1/clean', { text: 'x', adapter: 'grammar' });
    expect(trivial.status).toBe(200);
    expect(trivial.body).toMatchObject({ cleanedText: 'x', skipped: true, skipReason: 'trivial' });
  });

  it('paraphrases with the paraphrase adapter over HTTP, gRPC and /v1/process mode paraphrase', async () => {
    const direct = await postJson(http(), '/v1/paraphrase', { text: 'The meeting was moved to Friday.' });
    expect(direct.status).toBe(200);
    expect(direct.body).toMatchObject({ adapter: 'paraphrase', engine: { kind: 'llm' } });
    expect(typeof direct.body.paraphrasedText).toBe('string');
    const named = await postJson(http(), '/v1/paraphrase', { text: 'The meeting was moved.', adapter: 'grammar' });
    expect(named.body.adapter).toBe('grammar');
    const processed = await postJson(http(), '/v1/process', { text: 'We was late.', mode: 'paraphrase' });
    expect(processed.status).toBe(200);
    expect(processed.body.paraphrase.adapter).toBe('paraphrase');
    expect(processed.body.clean).toBeUndefined();
    const orchestrator = orchestratorClient(system.ports.grpc!);
    const viaGrpc = await call<any>((cb) => orchestrator.Paraphrase({ text: 'We was late.' }, deadlineIn(20_000), cb));
    expect(viaGrpc.error).toBeNull();
    expect(viaGrpc.response.adapter).toBe('paraphrase');
    orchestrator.close();
  });

  it('reloads the manifest without a restart: a removed adapter takes no new request, paraphrase turns 501', async () => {
    // jw1 vouches for paraphrase (jw2's Check said it holds it), so a trivial text naming it skips.
    expect((await postJson(http(), '/v1/clean', { text: 'x', adapter: 'paraphrase' })).status).toBe(200);
    await writeFile(manifest, manifestText(['grammar'], null));
    await system.reloadAdapters();
    const removed = await postJson(http(), '/v1/clean', { text: 'Their going home.', adapter: 'paraphrase' });
    expect(removed.status).toBe(400);
    expect(removed.body.error.code).toBe('unknown_adapter');
    // jw2's refusal withdraws jw1's vouch for the name at once: a trivial text no longer skips past it.
    const trivial = await postJson(http(), '/v1/clean', { text: 'x', adapter: 'paraphrase' });
    expect(trivial.status).toBe(400);
    expect(trivial.body.error.code).toBe('unknown_adapter');
    const unavailable = await postJson(http(), '/v1/paraphrase', { text: 'The meeting was moved.' });
    expect(unavailable.status).toBe(501);
    expect(unavailable.body.error).toMatchObject({ code: 'paraphrase_unavailable' });
    expect(unavailable.body.error.message).toMatch(/registry\.yaml.*paraphraseAdapter/);
    expect((await postJson(http(), '/v1/clean', { text: 'Their going home.', adapter: 'grammar' })).status).toBe(200);
    // Back as it was.
    await writeFile(manifest, manifestText(['grammar', 'paraphrase'], 'paraphrase'));
    await system.reloadAdapters();
    expect((await postJson(http(), '/v1/paraphrase', { text: 'The meeting was moved.' })).status).toBe(200);
  });
});
