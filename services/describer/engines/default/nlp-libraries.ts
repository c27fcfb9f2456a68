// The maintained NLP libraries the embedded describer reads with, loaded once per process: by the agent's
// warm-up before it reports SERVING (engine-factory.ts), or else on first use, so that a describer that
// is never asked pays nothing. compromise tags people, organizations and places, chrono-node finds dates
// and resolves relative ones, vader-sentiment scores tone. Why these three and not wink-nlp or AFINN:
// the README's dependency note.
import type nlpFunction from 'compromise';
import type * as chronoEnglish from 'chrono-node/en';
import type { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { ORGANIZATION_LEXICON } from './organization-lexicon.ts';

export interface Readers {
  nlp: typeof nlpFunction;
  chrono: typeof chronoEnglish.casual;
  vader: SentimentIntensityAnalyzer;
}

let loading: Promise<Readers> | undefined;
let loaded = false;

async function load(): Promise<Readers> {
  const [compromise, chrono, vader] = await Promise.all([
    import('compromise'),
    import('chrono-node/en'),
    import('vader-sentiment'),
  ]);
  const nlp = compromise.default;
  nlp.addWords(ORGANIZATION_LEXICON);
  // compromise's last parsing step groups terms into noun and verb chunks, which no reader here uses
  // (people, places, organizations and numbers come from tags): a tenth of each parse saved.
  const hooks = nlp.hooks();
  const chunks = hooks.indexOf('chunks');
  if (chunks >= 0) hooks.splice(chunks, 1);
  loaded = true;
  return { nlp, chrono: chrono.casual, vader: vader.default.SentimentIntensityAnalyzer };
}

/** Whether the libraries are in memory (a describe now would not import anything). */
export function readersLoaded(): boolean {
  return loaded;
}

/** The libraries, loaded once; a failed load is retried by the next caller rather than cached. */
export function loadReaders(): Promise<Readers> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
