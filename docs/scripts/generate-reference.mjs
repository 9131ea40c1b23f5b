// Generates, from the packages' sources and TSDoc, the two parts of the site that must never drift
// from the code:
//   - api/: the API reference of every public entry point (TypeDoc + typedoc-plugin-markdown,
//     with typedoc-vitepress-theme's links and sidebar);
//   - reference/generated/: the configuration tables (every option, its type, its `@default`),
//     included by reference/configuration.md.
// Both are git-ignored and rebuilt by every `docs:build`: committing them would only let them go
// stale. It fails when an exported option has no TSDoc, so a new option cannot land undocumented.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Converter, ReflectionKind } from 'typedoc';
import { configurationTables } from './configuration-tables.mjs';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = join(DOCS, '..', 'packages');

/** Each public entry point (the `exports` of the four packages) and the module name it gets. */
const ENTRY_POINTS = [
  ['protocol/src/index.ts', '@tenantcast/protocol'],
  ['nest/src/index.ts', '@tenantcast/nest'],
  ['nest/src/terminus.ts', '@tenantcast/nest/terminus'],
  ['nest/src/testing.ts', '@tenantcast/nest/testing'],
  ['nest/src/emitter.ts', '@tenantcast/nest/emitter'],
  ['client/src/index.ts', '@tenantcast/client'],
  ['react/src/index.ts', '@tenantcast/react'],
];
const MODULE_NAMES = new Map(ENTRY_POINTS.map(([file, name]) => [`packages/${file.replace(/\/index\.ts$|\.ts$/, '')}`, name]));

rmSync(join(DOCS, 'api'), { recursive: true, force: true });
rmSync(join(DOCS, 'reference', 'generated'), { recursive: true, force: true });

const app = await Application.bootstrapWithPlugins({
  name: 'API reference',
  entryPoints: ENTRY_POINTS.map(([file]) => join(PACKAGES, file)),
  tsconfig: join(DOCS, 'scripts', 'tsconfig.api.json'),
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
  out: join(DOCS, 'api'),
  docsRoot: DOCS,
  readme: 'none',
  excludeInternal: true,
  excludePrivate: true,
  sort: ['source-order'],
  outputFileStrategy: 'modules',
  hidePageHeader: true,
  useHTMLAnchors: true,
  sourceLinkTemplate: 'https://github.com/tenantcast/tenantcast/blob/main/{path}#L{line}',
  disableGit: true,
  basePath: join(DOCS, '..'),
  treatWarningsAsErrors: true,
  logLevel: 'Warn',
});

// TypeDoc names modules after their path below the common root (`nest/src/terminus`); readers
// know them by the specifier they import.
app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
  for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
    const name = MODULE_NAMES.get(module.name);
    if (name === undefined) throw new Error(`generate-reference: unexpected module ${module.name}; add it to ENTRY_POINTS`);
    module.name = name;
  }
});

const project = await app.convert();
if (project === undefined || app.logger.hasErrors() || app.logger.hasWarnings()) {
  throw new Error('generate-reference: TypeDoc could not convert the packages (see the messages above)');
}
await app.generateOutputs(project);
if (app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error('generate-reference: TypeDoc reported problems while writing api/');

const generated = join(DOCS, 'reference', 'generated');
mkdirSync(generated, { recursive: true });
for (const [file, markdown] of configurationTables(project)) writeFileSync(join(generated, file), markdown);
console.log(`generate-reference: api/ and reference/generated/ written from ${ENTRY_POINTS.length} entry points`);
