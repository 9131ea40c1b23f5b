import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from './support/commands';
import { REPO_ROOT } from './support/paths';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  publishConfig?: { access?: string };
}

/** The workspaces of the root package.json, expanded (`examples/*` → each example with a package.json). */
function workspaceDirs(patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(REPO_ROOT, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => existsSync(join(REPO_ROOT, dir, 'package.json')));
  });
}

function bumped(version: string, bump: 'minor' | 'patch'): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return bump === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
}

const SAMPLE = `---
'@tenantcast/protocol': minor
'@tenantcast/nest': patch
---

Sample summary of a protocol change.
`;

/**
 * `changeset version` on a copy of the repository's manifests and changesets config with one
 * sample changeset, as the release workflow runs it, to prove the versions and changelogs that a
 * release would produce.
 */
describe('releases: changeset version on a sample changeset', () => {
  let scratch: string;
  const before = new Map<string, Manifest>();
  const read = async (dir: string) => JSON.parse(await readFile(join(scratch, dir, 'package.json'), 'utf8')) as Manifest;
  const changelog = (dir: string) => readFile(join(scratch, dir, 'CHANGELOG.md'), 'utf8');
  let dirs: string[];
  let byName: Map<string, string>;

  beforeAll(async () => {
    const root = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
    dirs = workspaceDirs(root.workspaces);
    scratch = await mkdtemp(join(tmpdir(), 'tenantcast-release-'));
    await cp(join(REPO_ROOT, 'package.json'), join(scratch, 'package.json'));
    await mkdir(join(scratch, '.changeset'));
    await cp(join(REPO_ROOT, '.changeset/config.json'), join(scratch, '.changeset/config.json'));
    await writeFile(join(scratch, '.changeset/sample-protocol-change.md'), SAMPLE);
    for (const dir of dirs) {
      await mkdir(dirname(join(scratch, dir, 'package.json')), { recursive: true });
      await cp(join(REPO_ROOT, dir, 'package.json'), join(scratch, dir, 'package.json'));
      before.set(dir, await read(dir));
    }
    byName = new Map([...before].map(([dir, manifest]) => [manifest.name, dir]));
    await runOk(join(REPO_ROOT, 'node_modules/.bin/changeset'), ['version'], scratch);
  });
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const dirOf = (name: string) => byName.get(name)!;

  it('bumps the named packages: a minor of @tenantcast/protocol, a patch of @tenantcast/nest, with changelogs', async () => {
    const protocol = dirOf('@tenantcast/protocol');
    const nest = dirOf('@tenantcast/nest');
    const protocolVersion = bumped(before.get(protocol)!.version, 'minor');
    expect((await read(protocol)).version).toBe(protocolVersion);
    expect((await read(nest)).version).toBe(bumped(before.get(nest)!.version, 'patch'));
    expect(await changelog(protocol)).toContain(`## ${protocolVersion}\n\n### Minor Changes\n\n- Sample summary of a protocol change.`);
    expect(await changelog(nest)).toMatch(/### Patch Changes\n\n- Sample summary of a protocol change\.\n- Updated dependencies\n {2}- @tenantcast\/protocol@/);
    expect((await read(nest)).dependencies?.['@tenantcast/protocol']).toBe(`^${protocolVersion}`);
  });

  it('gives a patch to every published package whose dependency range the bump left behind, and says why', async () => {
    for (const name of ['@tenantcast/client', '@tenantcast/react']) {
      const dir = dirOf(name);
      expect((await read(dir)).version).toBe(bumped(before.get(dir)!.version, 'patch'));
      expect(await changelog(dir)).toContain('- Updated dependencies');
    }
  });

  it('never versions the private examples and helpers, but keeps their ranges on the new versions so the workspace stays linked', async () => {
    const protocolVersion = (await read(dirOf('@tenantcast/protocol'))).version;
    for (const [dir, manifest] of before) {
      if (!manifest.private) continue;
      const after = await read(dir);
      expect(after.version, dir).toBe(manifest.version);
      expect(existsSync(join(scratch, dir, 'CHANGELOG.md')), dir).toBe(false);
      const range = after.dependencies?.['@tenantcast/protocol'] ?? after.devDependencies?.['@tenantcast/protocol'];
      if (range !== undefined && range !== '*') expect(range, dir).toBe(`^${protocolVersion}`);
    }
  });

  it('consumes the changeset', () => {
    expect(readdirSync(join(scratch, '.changeset'))).toEqual(['config.json']);
  });

  it('publishes every public package with public access, and ignores every example', async () => {
    const config = JSON.parse(await readFile(join(REPO_ROOT, '.changeset/config.json'), 'utf8')) as { access: string; ignore: string[] };
    expect(config.access).toBe('public');
    for (const [dir, manifest] of before) {
      if (dir.startsWith('examples/')) expect(config.ignore, `${dir} must be ignored by changesets`).toContain(manifest.name);
      if (!manifest.private) expect(manifest.publishConfig?.access, manifest.name).toBe('public');
    }
  });
});

describe('the release workflow', () => {
  interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, string>;
    env?: Record<string, string>;
  }
  interface Workflow {
    on: { push: { branches: string[] } };
    permissions: Record<string, string>;
    jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }>;
  }
  const load = async () => parse(await readFile(join(REPO_ROOT, '.github/workflows/release.yml'), 'utf8')) as Workflow;

  it('pins every action to a full commit hash', async () => {
    const steps = Object.values((await load()).jobs).flatMap((job) => job.steps);
    const actions = steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
  });

  it('versions and publishes through changesets/action from main, with npm provenance and no other write access', async () => {
    const workflow = await load();
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.permissions).toEqual({});
    const [job] = Object.values(workflow.jobs);
    expect(job!.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
    const release = job!.steps.find((step) => step.uses?.startsWith('changesets/action@'));
    expect(release?.with).toMatchObject({ version: 'npm run version-packages', publish: 'npm run release' });
    expect(release?.env?.NPM_CONFIG_PROVENANCE).toBe('true');
    const root = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(root.scripts['version-packages']).toMatch(/^changeset version && npm install --package-lock-only/);
    expect(root.scripts.release).toMatch(/changeset publish$/);
  });
});
