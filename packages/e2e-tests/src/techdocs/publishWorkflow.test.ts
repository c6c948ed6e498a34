/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { repoRoot } from '@internal/test-support';

// The workflow that publishes the portal's own TechDocs to S3 in production
// (.github/workflows/techdocs.yaml), the IAM role it assumes
// (deploy/iam/github-oidc-trust-policy.json, techdocs-publisher-policy.json),
// and that it keeps the shape of the workflow every generated service gets.

jest.setTimeout(60_000);

const run = promisify(execFile);
const read = (file: string) =>
  fs.readFileSync(path.join(repoRoot, file), 'utf8');
const json = (file: string) => JSON.parse(read(file));
const WORKFLOW = '.github/workflows/techdocs.yaml';
const workflow: any = load(read(WORKFLOW));

/** The skeleton's workflow with its template expressions filled in. */
function skeletonWorkflow(): any {
  const text = read(
    'templates/fastapi-service/skeleton/.github/workflows/techdocs.yaml',
  )
    .replace(/^\{% (end)?raw %\}\n/gm, '')
    .replace(/\$\{\{ values\.name \}\}/g, 'orders-api');
  return load(text);
}

async function actionValidator(file: string) {
  const cli = path.join(
    path.dirname(require.resolve('@action-validator/cli/package.json')),
    'cli.mjs',
  );
  return run(process.execPath, [cli, file]).then(
    r => ({ code: 0, output: r.stdout + r.stderr }),
    (e: any) => ({ code: e.code as number, output: `${e.stdout}${e.stderr}` }),
  );
}

describe('.github/workflows/techdocs.yaml', () => {
  it('passes action-validator (GitHub workflow schema), which refuses a broken copy', async () => {
    expect(await actionValidator(path.join(repoRoot, WORKFLOW))).toMatchObject({
      code: 0,
    });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-'));
    try {
      const broken = path.join(dir, 'techdocs.yaml');
      fs.writeFileSync(
        broken,
        read(WORKFLOW).replace(
          'runs-on: ubuntu-latest',
          'runs_on: ubuntu-latest',
        ),
      );
      const result = await actionValidator(broken);
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/runs-on|runs_on/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('publishes the catalog entity of catalog-info.yaml when the docs change on main', () => {
    const entity: any = load(read('catalog-info.yaml'));
    expect(workflow.env.ENTITY).toBe(
      `${entity.metadata.namespace ?? 'default'}/${entity.kind}/${
        entity.metadata.name
      }`,
    );
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.push.paths).toEqual(
      expect.arrayContaining(['docs/**', 'mkdocs.yml', WORKFLOW]),
    );
    expect(workflow.permissions).toEqual({
      contents: 'read',
      'id-token': 'write',
    });
  });

  it("has the generated services' shape: same actions, pins and techdocs-cli commands", () => {
    const ours = workflow.jobs.publish.steps;
    const theirs = skeletonWorkflow().jobs.publish.steps;
    const shape = (steps: any[]) =>
      steps.map(s => ({ uses: s.uses, with: s.with, run: s.run, env: s.env }));
    expect(shape(ours)).toEqual(shape(theirs));
    expect(JSON.stringify(ours)).toContain('--omitTechdocsCoreMkdocsPlugin');
    expect(JSON.stringify(ours)).toContain('--publisher-type awsS3');
  });
});

describe('the role the workflow assumes', () => {
  const trust = json('deploy/iam/github-oidc-trust-policy.json');
  const policy = json('deploy/iam/techdocs-publisher-policy.json');

  it("is trusted only by this repository's main branch through GitHub OIDC", () => {
    const app: any = load(read('deploy/argocd/application.yaml'));
    const repo = new URL(app.spec.source.repoURL).pathname
      .replace(/^\//, '')
      .replace(/\.git$/, '');
    expect(trust.Statement).toHaveLength(1);
    const [s] = trust.Statement;
    expect(s.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(s.Principal.Federated).toMatch(
      /^arn:aws:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/,
    );
    expect(s.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': `repo:${repo}:ref:refs/heads/${workflow.on.push.branches[0]}`,
    });
  });

  it("may list the portal's TechDocs bucket and write only the portal's own docs in it", () => {
    const config: any = load(read('deploy/overlays/eks/configmap-patch.yaml'));
    const bucket = config.data.TECHDOCS_S3_BUCKET;
    // techdocs-node's awsS3 publisher keys: the lower-cased entity triplet.
    const prefix = workflow.env.ENTITY.toLowerCase();
    expect(
      policy.Statement.map((s: any) => [
        s.Effect,
        [s.Action].flat().sort(),
        s.Resource,
      ]),
    ).toEqual([
      ['Allow', ['s3:ListBucket'], `arn:aws:s3:::${bucket}`],
      [
        'Allow',
        ['s3:DeleteObject', 's3:PutObject'],
        `arn:aws:s3:::${bucket}/${prefix}/*`,
      ],
    ]);
  });
});
