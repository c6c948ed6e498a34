/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { TechdocsGenerator } from '@backstage/plugin-techdocs-node';
import { load } from 'js-yaml';
import { repoRoot } from '@internal/test-support';
import {
  buildPortalDocs,
  heading,
  OUTLINE,
  PortalDocsBuild,
  silentLogger,
  warnings,
} from './portalDocs';

// Builds the portal's docs the way production does: the workflow
// .github/workflows/techdocs.yaml runs `techdocs-cli generate --no-docker
// --omitTechdocsCoreMkdocsPlugin` (techdocs-node's stock generator, no guard)
// with MkDocs 1.6 and mkdocs-material 9 from pip. PyPI is out of reach here,
// so the toolchain comes from scripts/mkdocs-production.sh (Debian trixie's
// mkdocs 1.6.1 and mkdocs-material 9.6, unpacked next to bookworm's) or from
// a pip venv in the same place; LAUNCHPAD_MKDOCS_PRODUCTION names its mkdocs
// instead. The test checks that the versions match the workflow's pins.

jest.setTimeout(120_000);

const MKDOCS =
  process.env.LAUNCHPAD_MKDOCS_PRODUCTION ??
  path.join(
    process.env.LAUNCHPAD_CACHE ?? path.join(os.homedir(), '.cache/launchpad'),
    'mkdocs-production/bin/mkdocs',
  );

const workflow: any = load(
  fs.readFileSync(
    path.join(repoRoot, '.github/workflows/techdocs.yaml'),
    'utf8',
  ),
);
const steps: Array<{ name?: string; run?: string }> =
  workflow.jobs.publish.steps;

/** `name==version` pins of the workflow's pip install. */
function pinned(pkg: string): string {
  const install = steps.find(s => /pip install/.test(s.run ?? ''))?.run ?? '';
  const m = new RegExp(`"${pkg}==([0-9.]+)"`).exec(install);
  if (!m) throw new Error(`the workflow does not pin ${pkg}: ${install}`);
  return m[1];
}

/** The stock generator with the options techdocs-cli's flags set. */
function cliGenerator() {
  return TechdocsGenerator.fromConfig(
    new ConfigReader({
      techdocs: {
        generator: { runIn: 'local', mkdocs: { omitTechdocsCorePlugin: true } },
      },
    }),
    { logger: silentLogger },
  );
}

describe("the portal's TechDocs with the production toolchain", () => {
  let build: PortalDocsBuild;

  beforeAll(async () => {
    if (!fs.existsSync(MKDOCS)) {
      throw new Error(
        `No production MkDocs at ${MKDOCS}: run scripts/mkdocs-production.sh (Debian/Ubuntu; .ci/run does), ` +
          'or make a venv there with pip (see the top of that script), or set LAUNCHPAD_MKDOCS_PRODUCTION',
      );
    }
    build = await buildPortalDocs({
      generator: cliGenerator(),
      mkdocs: MKDOCS,
    });
    if (build.error) {
      throw new Error(`The docs did not build: ${build.error}\n${build.log}`);
    }
  });

  afterAll(() => {
    if (build) fs.rmSync(build.work, { recursive: true, force: true });
  });

  it("runs the workflow's MkDocs and mkdocs-material major versions", () => {
    const version = execFileSync(MKDOCS, ['--version'], { encoding: 'utf8' });
    const mkdocs = /version ([0-9.]+)/.exec(version)?.[1] ?? version;
    const [major, minor] = pinned('mkdocs').split('.');
    expect(mkdocs.split('.').slice(0, 2)).toEqual([major, minor]);

    const html = fs.readFileSync(path.join(build.site, 'index.html'), 'utf8');
    const material = /mkdocs-material-([0-9.]+)/.exec(html)?.[1];
    expect(material?.split('.')[0]).toBe(
      pinned('mkdocs-material').split('.')[0],
    );
  });

  it('builds every page of the chapter without warnings', () => {
    expect(warnings(build.log)).toEqual([]);
    for (const [, generated, title] of OUTLINE) {
      expect(heading(build.site, generated)).toBe(title);
    }
  });

  it('fails with the code Debian 8.2.5 knows Korean by (`kr`), as it did before', async () => {
    const kr = await buildPortalDocs({
      generator: cliGenerator(),
      mkdocs: MKDOCS,
      editMkdocsYml: yml =>
        yml.replace(/^theme:\n/m, 'theme:\n  language: kr\n'),
    });
    fs.rmSync(kr.work, { recursive: true, force: true });
    expect(kr.error).toBeDefined();
    expect(kr.log).toContain('TemplateNotFound: partials/languages/kr.html');
  });
});
