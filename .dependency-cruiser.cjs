/**
 * The import rules of docs/architecture.md, checked by `npm run lint:deps` (part of `npm test`).
 * Layers, bottom to top: domain → platform → redis → cloud → slack → access → core → features → root.
 * A folder imports only folders below it; a feature reaches another feature only through its public.ts.
 */
const LAYERS = ['domain', 'platform', 'redis', 'cloud', 'slack', 'access', 'core', 'features'];

/** One rule per layer: it may not import any layer above it (nor playground/ or the composition root). */
const layerRules = LAYERS.map((layer, rank) => {
  const above = [...LAYERS.slice(rank + 1), 'playground'];
  return {
    name: `layer-${layer}`,
    comment: `${layer}/ may import only ${LAYERS.slice(0, rank).join(', ') || 'nothing of src'} (docs/architecture.md)`,
    severity: 'error',
    from: { path: `^src/${layer}/` },
    to: { path: [`^src/(${above.join('|')})/`, '^src/[^/]+\\.ts$'] },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No cycles between files, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'feature-through-public',
      comment: 'A feature reaches another feature only through that feature\'s public.ts.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: {
        path: '^src/features/[^/]+/',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/public(-views)?\\.ts$'],
      },
    },
    {
      name: 'playground-only-from-root',
      comment: 'Only the composition root loads the playground (lazily); tests may use its Slack emulator.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/playground/', '^src/[^/]+\\.ts$'] },
      to: { path: '^src/playground/' },
    },
    {
      name: 'nothing-imports-the-root',
      comment: 'main.ts and app.ts sit on top: only main.ts imports app.ts, and tests and bench may start it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/[^/]+\\.ts$' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'use-cases-without-slack',
      comment:
        'Use cases never import Slack types, Block Kit builders or the Slack adapters (slack/) that implement their ports: they return screens or call a port.',
      severity: 'error',
      from: { path: '^src/features/[^/]+/(flow|creation|model|decide|poll|workflow|usecases|jobs)/' },
      to: {
        path: [
          '^src/features/[^/]+/(views|slack)/',
          '^src/slack/',
          'node_modules/@slack/(bolt|types|web-api)/',
        ],
      },
    },
    {
      name: 'use-cases-not-through-public-views',
      comment: 'A use case does not reach Block Kit through another feature\'s public.ts either.',
      severity: 'error',
      from: { path: '^src/features/[^/]+/(flow|creation|model|decide|poll|workflow|usecases|jobs)/' },
      to: { path: '^src/features/[^/]+/public-views\\.ts$' },
    },
    {
      name: 'playground-stays-outside',
      comment: 'The playground drives the bot over HTTP like Slack does: it imports no feature, core or root file.',
      severity: 'error',
      from: { path: '^src/playground/' },
      to: { path: ['^src/(features|core)/', '^src/[^/]+\\.ts$'] },
    },
    {
      name: 'bench-scenarios-below-the-runner',
      comment: 'bench/: run.ts loads the scenarios; scenarios and helpers never import run.ts (no folder cycle).',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^bench/run\\.ts$' },
    },
    {
      name: 'bench-helpers-below-scenarios',
      comment: 'The shared bench helpers (bench/*.ts) never import a scenario.',
      severity: 'error',
      from: { path: '^bench/[^/]+\\.ts$', pathNot: '^bench/run\\.ts$' },
      to: { path: '^bench/scenarios/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
