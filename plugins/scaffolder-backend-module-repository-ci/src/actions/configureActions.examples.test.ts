/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import { createGithubActionsConfigureAction } from './configureActions';
import { examples } from './configureActions.examples';
import { fakeGithubActions } from '../__testUtils__/fakeGithub';

const worker = setupServer();
registerMswTestHooks(worker);

describe('github:actions:configure examples', () => {
  it(`${examples[0].description}`, async () => {
    const github = await fakeGithubActions();
    worker.use(...github.handlers);
    const input = yaml.parse(examples[0].example).steps[0].input;
    expect(input.checkOnly).toBe(true);
    const action = createGithubActionsConfigureAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [{ host: 'github.com', token: 't' }] },
        }),
      ),
      settings: { owners: ['acme'], variables: {}, secrets: {} },
    });
    await action.handler(
      createMockActionContext({
        input: { ...input, repoUrl: 'github.com?owner=acme&repo=orders-api' },
      }),
    );
    expect(github.requests).toEqual([]);
    // A repository of another owner is refused by the same check.
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...input, repoUrl: 'github.com?owner=other&repo=x' },
        }),
      ),
    ).rejects.toThrow(/launchpad\.repositoryCi\.owners/);
  });

  it(`${examples[1].description}`, async () => {
    const github = await fakeGithubActions();
    worker.use(...github.handlers);
    const action = createGithubActionsConfigureAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [{ host: 'github.com', token: 't' }] },
        }),
      ),
      settings: {
        owners: ['acme'],
        variables: { TECHDOCS_S3_BUCKET: 'acme-techdocs' },
        secrets: { GITOPS_APP_PRIVATE_KEY: 'key' },
      },
    });
    const input = yaml.parse(examples[1].example).steps[0].input;
    // `${{ parameters.repoUrl }}` as the scaffolder renders it.
    expect(input.repoUrl).toBe('${{ parameters.repoUrl }}');
    await action.handler(
      createMockActionContext({
        input: { repoUrl: 'github.com?owner=acme&repo=orders-api' },
      }),
    );
    expect(github.variables.get('TECHDOCS_S3_BUCKET')).toBe('acme-techdocs');
    expect(github.open('GITOPS_APP_PRIVATE_KEY')).toBe('key');
  });
});
