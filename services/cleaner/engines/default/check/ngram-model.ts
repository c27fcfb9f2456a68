// A word trigram language model for jw2's cheap checker: CMU Sphinx's generic US English model
// (Debian's pocketsphinx-en-us, BSD-licensed) read and queried by the library made for it (Debian's
// libsphinxbase3), called through koffi like Link Grammar. Loading maps the model file; a lookup is
// cheap enough that scoring a sentence's alternatives runs in line, like the rule signals. Without the
// library or the model the checker keeps its other signals and `sharedNgramModel()` says why.
import koffi from 'koffi';

export const SPHINXBASE_LIBRARY = 'libsphinxbase.so.3';
export const EN_US_TRIGRAM_MODEL = '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin';

export interface NgramModel {
  /** The model's id of a lower-case word, or `unknown` when it is not in the vocabulary. */
  wordId(word: string): number;
  readonly unknown: number;
  /**
   * log10 P(word | before1 before2), `before1` the word just before; a context position that is
   * `unknown` (the sentence's start, punctuation, a word the model lacks) cuts the history there.
   */
  logProb(word: number, before1: number, before2: number): number;
  close(): void;
}

export type NgramModelLoad = { model: NgramModel } | { unavailable: string };

export interface NgramModelOptions {
  library?: string;
  path?: string;
}

interface Bindings {
  logmathInit: (base: number, shift: number, useTable: number) => unknown;
  logmathFree: (lmath: unknown) => number;
  logmathToLog10: (lmath: unknown, logp: number) => number;
  read: (config: unknown, file: string, type: number, lmath: unknown) => unknown;
  free: (model: unknown) => number;
  wid: (model: unknown, word: string) => number;
  unknownWid: (model: unknown) => number;
  trigram: (model: unknown, w3: number, w2: number, w1: number, used: Int32Array) => number;
  bigram: (model: unknown, w2: number, w1: number, used: Int32Array) => number;
  silence: (stream: unknown) => void;
}

// sphinxbase's ngram_file_type_t: NGRAM_AUTO detects the format (here its binary trie).
const NGRAM_AUTO = 0;

function bind(library: string): Bindings {
  const lib = koffi.load(library);
  const fn = (signature: string) => lib.func(signature);
  return {
    logmathInit: fn('void *logmath_init(double base, int shift, int use_table)'),
    logmathFree: fn('int logmath_free(void *lmath)'),
    logmathToLog10: fn('double logmath_log_to_log10(void *lmath, int logb_p)'),
    read: fn('void *ngram_model_read(void *config, const char *file_name, int file_type, void *lmath)'),
    free: fn('int ngram_model_free(void *model)'),
    wid: fn('int ngram_wid(void *model, const char *word)'),
    unknownWid: fn('int ngram_unknown_wid(void *model)'),
    // n_used is written into a typed array koffi passes by address: a third of the cost of an _Out_
    // parameter, which marshals a JS array on every call (the model is queried thousands of times a text)
    trigram: fn('int ngram_tg_score(void *model, int w3, int w2, int w1, int *n_used)'),
    bigram: fn('int ngram_bg_score(void *model, int w2, int w1, int *n_used)'),
    // The library logs each load to stderr ("INFO: ngram_model_trie.c ..."); NULL turns its log off.
    silence: fn('void err_set_logfp(void *stream)'),
  };
}

class SphinxTrigramModel implements NgramModel {
  readonly unknown: number;
  private readonly lg: Bindings;
  private lmath: unknown;
  private model: unknown;
  private readonly start: number;
  private readonly ids = new Map<string, number>();
  private readonly used = new Int32Array(1);

  constructor(lg: Bindings, path: string) {
    this.lg = lg;
    lg.silence(null);
    // Base 1.0001, the library's usual resolution; scores come back as integers in that base.
    this.lmath = lg.logmathInit(1.0001, 0, 0);
    const model = lg.read(null, path, NGRAM_AUTO, this.lmath);
    if (model === null) {
      lg.logmathFree(this.lmath);
      throw new Error(`cannot read the model ${path} (install pocketsphinx-en-us)`);
    }
    this.model = model;
    this.unknown = lg.unknownWid(model);
    this.start = lg.wid(model, '<s>');
  }

  wordId(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      if (this.model === null) throw new Error('the language model is closed');
      id = this.lg.wid(this.model, word);
      // Checked text is unbounded; the vocabulary is not, so only its words stay cached.
      if (id !== this.unknown) this.ids.set(word, id);
    }
    return id;
  }

  logProb(word: number, before1: number, before2: number): number {
    const { lg, used, unknown } = this;
    if (this.model === null) throw new Error('the language model is closed');
    const score =
      before1 === unknown
        ? lg.bigram(this.model, word, this.start, used)
        : before2 === unknown
          ? lg.bigram(this.model, word, before1, used)
          : lg.trigram(this.model, word, before1, before2, used);
    return lg.logmathToLog10(this.lmath, score);
  }

  close(): void {
    if (this.model === null) return;
    this.lg.free(this.model);
    this.lg.logmathFree(this.lmath);
    this.model = null;
    this.lmath = null;
  }
}

/** Loads the library and the model, or says why it cannot. */
export function loadNgramModel(options: NgramModelOptions = {}): NgramModelLoad {
  const library = options.library ?? SPHINXBASE_LIBRARY;
  try {
    return { model: new SphinxTrigramModel(bind(library), options.path ?? EN_US_TRIGRAM_MODEL) };
  } catch (error) {
    return { unavailable: `${library}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

let shared: NgramModelLoad | undefined;

/** The process's model, loaded on first use (the checker's default); `unavailable` says why not. */
export function sharedNgramModel(): NgramModelLoad {
  shared ??= loadNgramModel();
  return shared;
}
