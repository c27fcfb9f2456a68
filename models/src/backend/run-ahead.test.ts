// The decode step run ahead (run-ahead.ts) on a real session: taken when the next call asks for exactly
// it, dropped otherwise, and never a different token from plain decoding.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../tools/index.ts';
import { DecoderState } from './decoder-state.ts';
import { createModelSession, type ModelSession } from './onnx.ts';

let dir: string;
let session: ModelSession;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-run-ahead-'));
  await makeTinyModel({ out: join(dir, 'fp32'), seed: 4 });
  session = await createModelSession(join(dir, 'fp32', 'onnx', 'model.onnx'));
});

afterAll(async () => {
  await session?.release();
  await rm(dir, { recursive: true, force: true });
});

/** A state over the shared session that counts the session's runs and the most that ran at once. */
function countingState(stopTokenIds: number[] = []): {
  state: DecoderState;
  runs: () => number;
  mostAtOnce: () => number;
} {
  let runs = 0;
  let running = 0;
  let most = 0;
  const counted: ModelSession = {
    ...session,
    run: async (feeds, fetches) => {
      runs++;
      most = Math.max(most, ++running);
      try {
        return await session.run(feeds, fetches);
      } finally {
        running--;
      }
    },
  };
  return { state: new DecoderState(counted, 0, stopTokenIds), runs: () => runs, mostAtOnce: () => most };
}

const PROMPTS = [
  [5, 9, 30, 41],
  [7, 7, 12],
];

/** Greedy decoding of both prompts for `steps` steps; `runAhead` passed on every step. */
async function greedyTokens(state: DecoderState, steps: number, runAhead: boolean): Promise<number[][]> {
  let step = await state.prefill(PROMPTS, [true, true]);
  const positions = PROMPTS.map((prompt) => prompt.length);
  const out: number[][] = [[...step.greedyTokens]];
  for (let i = 0; i < steps; i++) {
    step = await state.decode([...step.greedyTokens], positions, [true, true], [], runAhead);
    out.push([...step.greedyTokens]);
    for (let row = 0; row < positions.length; row++) positions[row] = (positions[row] as number) + 1;
  }
  return out;
}

describe('decode steps run ahead', () => {
  it('gives the tokens of plain decoding, each step run once: the next call takes the step already run', async () => {
    const plain = countingState();
    const ahead = countingState();
    const expected = await greedyTokens(plain.state, 12, false);
    expect(await greedyTokens(ahead.state, 12, true)).toEqual(expected);
    expect(plain.runs()).toBe(13);
    // The twelfth decode started a thirteenth step that nobody asked for (yet): 13 asked + 1 ahead.
    expect(ahead.runs()).toBe(14);
  });

  it('drops the step run ahead when the call asks for another token, or rows leave, and stays exact', async () => {
    const reference = countingState();
    const ahead = countingState();
    for (const { state } of [reference, ahead]) await state.prefill(PROMPTS, [true, true]);
    const first = await ahead.state.decode([3, 4], [4, 3], [true, true], [], true);
    const firstPlain = await reference.state.decode([3, 4], [4, 3], [true, true]);
    expect([...first.greedyTokens]).toEqual([...firstPlain.greedyTokens]);
    const runsBefore = ahead.runs();
    // Not the argmax the step ran ahead with: that step is dropped, this one runs, and the next runs ahead.
    const other = [(first.greedyTokens[0] as number) + 1, first.greedyTokens[1] as number];
    const second = await ahead.state.decode(other, [5, 4], [true, true], [], true);
    expect(ahead.runs()).toBe(runsBefore + 2);
    expect([...second.greedyTokens]).toEqual([
      ...(await reference.state.decode(other, [5, 4], [true, true])).greedyTokens,
    ]);
    // Row 0 leaves while a step runs ahead for both rows: the step is dropped, row 1 goes on exactly.
    ahead.state.keepRows([1]);
    reference.state.keepRows([1]);
    const next = [second.greedyTokens[1] as number];
    const third = await ahead.state.decode(next, [5], [true], [], false);
    expect([...third.greedyTokens]).toEqual([...(await reference.state.decode(next, [5], [true])).greedyTokens]);
  });

  it('waits for a step run ahead before the next pass, even after rows were cut or dropped', async () => {
    const probe = countingState();
    await probe.state.prefill(PROMPTS, [true, true]);
    const first = await probe.state.decode([3, 4], [4, 3], [true, true], [], true);
    // Rows change while the step runs ahead: the next pass must not share the session or the logits
    // arena with it.
    probe.state.truncateRows([5, 4]);
    const second = await probe.state.decode([...first.greedyTokens], [5, 4], [true, true], [], true);
    probe.state.keepRows([1]);
    await probe.state.decode([second.greedyTokens[1] as number], [6], [true]);
    expect(probe.mostAtOnce()).toBe(1);
  });

  it('runs nothing ahead past a stop token, nor for a row that needs its logits', async () => {
    const probe = countingState();
    await probe.state.prefill(PROMPTS, [true, true]);
    const step = await probe.state.decode([3, 4], [4, 3], [true, true]);
    const stopping = countingState([step.greedyTokens[1] as number]);
    await stopping.state.prefill(PROMPTS, [true, true]);
    await stopping.state.decode([3, 4], [4, 3], [true, true], [], true);
    expect(stopping.runs()).toBe(2);
    const sampled = countingState();
    await sampled.state.prefill(PROMPTS, [true, true]);
    const logits = await sampled.state.decode([3, 4], [4, 3], [true, false], [], true);
    expect(logits.logits).not.toBeNull();
    expect(sampled.runs()).toBe(2);
  });
});

describe('several greedy steps in one call', () => {
  it('gives the tokens of single steps, up to maxSteps, and the next call takes the step it ran ahead', async () => {
    const plain = countingState();
    const expected = await greedyTokens(plain.state, 9, false);
    const chunked = countingState();
    const first = await chunked.state.prefill(PROMPTS, [true, true]);
    const positions = PROMPTS.map((prompt) => prompt.length);
    const got: number[][] = [[...first.greedyTokens]];
    let tokens = [...first.greedyTokens];
    while (got.length < expected.length) {
      const run = await chunked.state.decodeGreedy(tokens, positions, Math.min(4, expected.length - got.length), true);
      expect(run.steps).toBeGreaterThan(0);
      expect(run.steps).toBeLessThanOrEqual(4);
      for (let i = 0; i < run.steps; i++) got.push([...run.tokens.subarray(i * 2, i * 2 + 2)]);
      tokens = got.at(-1) as number[];
      for (let row = 0; row < positions.length; row++) positions[row] = (positions[row] as number) + run.steps;
    }
    expect(got).toEqual(expected);
    // Each step ran once, plus at most the one run ahead after the last call.
    expect(chunked.runs()).toBeGreaterThanOrEqual(plain.runs());
    expect(chunked.runs()).toBeLessThanOrEqual(plain.runs() + 1);
  });

  it('ends after a step where a row chose a stop token', async () => {
    const steps = await greedyTokens(countingState().state, 3, false);
    // Row 1's third decoded token stops: the call ends on that step.
    const stopping = countingState([steps[3]?.[1] as number]);
    await stopping.state.prefill(PROMPTS, [true, true]);
    const run = await stopping.state.decodeGreedy(
      steps[0] as number[],
      PROMPTS.map((prompt) => prompt.length),
      10,
      true,
    );
    expect(run.steps).toBeLessThanOrEqual(3);
    expect([...run.tokens.subarray((run.steps - 1) * 2)]).toEqual(steps[run.steps]);
    expect(stopping.runs()).toBe(1 + run.steps);
  });
});

describe('run ahead in the generation loop', () => {
  it('gives every request the tokens it gets alone when another joins mid-way, with run-ahead on and off', async () => {
    const { loadTextGenerator } = await import('../generation/text-generator.ts');
    const modelDir = join(dir, 'fp32');
    const options = { maxNewTokens: 40, stopStrings: ['\u0000never'] };
    const generators = await Promise.all([
      loadTextGenerator(modelDir, { maxWaitMs: 0, thread: 'worker', runAhead: true }),
      loadTextGenerator(modelDir, { maxWaitMs: 0, runAhead: false }),
    ]);
    const alone: number[][] = [];
    for (const prompt of ['first prompt', 'a second, longer prompt'])
      alone.push((await (generators[1] as (typeof generators)[0]).generate(prompt, options)).tokenIds);
    for (const generator of generators) {
      // The second request is submitted once the first has streamed a piece: it joins a running batch.
      const first = generator.stream('first prompt', options);
      const pieces = first.pieces[Symbol.asyncIterator]();
      await pieces.next();
      const second = generator.generate('a second, longer prompt', options);
      for (let piece = await pieces.next(); !piece.done; piece = await pieces.next());
      expect([(await first.result).tokenIds, (await second).tokenIds]).toEqual(alone);
    }
    await Promise.all(generators.map((generator) => generator.close()));
  });
});
