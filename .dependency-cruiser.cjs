// Import direction of the architecture (see ARCHITECTURE.md): checked by `npm run check:cycles` in CI.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'lib-is-plumbing',
      comment: 'lib/ is shared plumbing: it may use the wire contract but no component',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(models|services|orchestrator|eval|cli)/' },
    },
    {
      name: 'models-know-no-services',
      comment: 'the model runtime knows nothing of services or the orchestrator',
      severity: 'error',
      from: { path: '^models/' },
      to: { path: '^(services|orchestrator|eval|cli|proto)/' },
    },
    {
      name: 'kernels-are-a-floor',
      comment:
        'models/src/kernels (argmaxes, the logits arena, mask application, the seeded PRNG, half floats) serves backend, generation and constrained decoding, and imports no other part of models/',
      severity: 'error',
      from: { path: '^models/src/kernels/' },
      to: { path: '^models/', pathNot: '^models/src/kernels/' },
    },
    {
      name: 'backend-below-generation',
      comment:
        'the ONNX backend runs what generation asks and imports neither it nor the tokenizer or constrained decoding (tests may compare the two)',
      severity: 'error',
      from: { path: '^models/src/backend/', pathNot: '[.]test[.]ts$' },
      to: { path: '^models/src/(generation|constrained|tokenizer)/' },
    },
    {
      name: 'tokenizer-below-generation',
      comment:
        'the tokenizer (and its TokenVocabulary) knows nothing of generation, constrained decoding or the backend',
      severity: 'error',
      from: { path: '^models/src/tokenizer/' },
      to: { path: '^models/src/(generation|constrained|backend)/' },
    },
    {
      name: 'runtime-loads-no-dev-tools',
      comment:
        'the model runtime (models/index.ts, models/src) never loads the tiny-model builder, graph rewrites or test doubles: they have their own entry, models/tools/index.ts',
      severity: 'error',
      from: { path: '^models/(index[.]ts$|src/)', pathNot: '[.]test[.]ts$' },
      to: { path: '^models/(tools|test-support)/' },
    },
    {
      name: 'cli-loads-dev-tools-on-demand',
      comment: 'the CLI imports models/tools only when a dev command runs, so `mpr serve` never loads it',
      severity: 'error',
      from: { path: '^cli/', pathNot: '[.]test[.]ts$' },
      to: { path: '^models/tools/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'test-support-is-for-tests',
      severity: 'error',
      from: { pathNot: '[.]test[.]ts$|^models/test-support/' },
      to: { path: '^models/test-support/' },
    },
    {
      name: 'services-use-the-model-runtime-api',
      comment: 'services reach the model runtime through models/index.ts only (their tests may build tiny models)',
      severity: 'error',
      from: { path: '^services/', pathNot: '[.]test[.]ts$' },
      to: { path: '^models/', pathNot: '^models/index[.]ts$' },
    },
    {
      name: 'services-know-no-orchestrator',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^(orchestrator|eval|cli)/' },
    },
    {
      name: 'cleaner-and-describer-are-independent',
      severity: 'error',
      from: { path: '^services/(cleaner|describer)/' },
      to: { path: '^services/(cleaner|describer)/', pathNot: '^services/$1/' },
    },
    {
      name: 'eval-is-a-client',
      comment:
        'eval/ sits below the CLI: engines come from the services engine factory; of the orchestrator it uses only the skip-gate stages and splitter it measures. Its tests may drive the `mpr eval` command.',
      severity: 'error',
      from: { path: '^eval/', pathNot: '[.]test[.]ts$' },
      to: { path: '^(cli|orchestrator)/', pathNot: '^orchestrator/(gate|sentences)/' },
    },
    {
      name: 'orchestrator-knows-no-agents-internals',
      comment: 'jw1 talks to the agents over gRPC only',
      severity: 'error',
      from: { path: '^orchestrator/' },
      to: { path: '^(models|services|eval|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
