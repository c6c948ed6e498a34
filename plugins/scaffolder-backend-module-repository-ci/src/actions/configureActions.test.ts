/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createGithubActionsConfigureAction } from './configureActions';
import { fakeGithubActions } from '../__testUtils__/fakeGithub';

const worker = setupServer();
registerMswTestHooks(worker);

const CANARY = 'canary-private-key-7f3a9c';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', token: 'integration-token' }],
    },
  }),
);

const settings = {
  owners: ['acme'],
  variables: {
    AWS_ECR_PUSH_ROLE_ARN: 'arn:aws:iam::123456789012:role/ecr-push',
    GITOPS_APP_ID: '12345',
  },
  secrets: { GITOPS_APP_PRIVATE_KEY: CANARY },
};

function context(repoUrl = 'github.com?owner=acme&repo=orders-api') {
  const logger = mockServices.logger.mock();
  const ctx = createMockActionContext({ input: { repoUrl }, logger });
  return { ctx, logger };
}

/** Everything the action said: log lines, outputs, and the error if any. */
function said(ctx: any, logger: any, error?: unknown) {
  return JSON.stringify([
    logger.info.mock.calls,
    logger.warn.mock.calls,
    logger.error.mock.calls,
    ctx.output.mock.calls,
    String(error ?? ''),
  ]);
}

describe('github:actions:configure', () => {
  const action = createGithubActionsConfigureAction({
    integrations,
    settings,
  });

  it('sets the variables and the sealed secret, saying only their names', async () => {
    const github = await fakeGithubActions();
    worker.use(...github.handlers);
    const { ctx, logger } = context();
    await action.handler(ctx);

    expect(Object.fromEntries(github.variables)).toEqual(settings.variables);
    const secret = github.secrets.get('GITOPS_APP_PRIVATE_KEY')!;
    expect(secret.keyId).toBe('3380204578043523366');
    expect(secret.encrypted).not.toContain(CANARY);
    expect(github.open('GITOPS_APP_PRIVATE_KEY')).toBe(CANARY);

    expect(ctx.output).toHaveBeenCalledWith('variables', [
      'AWS_ECR_PUSH_ROLE_ARN',
      'GITOPS_APP_ID',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('secrets', [
      'GITOPS_APP_PRIVATE_KEY',
    ]);
    expect(said(ctx, logger)).toContain(
      'Secret GITOPS_APP_PRIVATE_KEY created',
    );
    expect(said(ctx, logger)).not.toContain(CANARY);
  });

  it('updates what a previous run set (a re-run after a restart)', async () => {
    const github = await fakeGithubActions();
    worker.use(...github.handlers);
    github.variables.set('GITOPS_APP_ID', 'old');
    const { ctx, logger } = context();
    await action.handler(ctx);
    await action.handler(ctx);
    expect(github.variables.get('GITOPS_APP_ID')).toBe('12345');
    expect(github.open('GITOPS_APP_PRIVATE_KEY')).toBe(CANARY);
    expect(github.requests).toContain(
      'PATCH /repos/acme/orders-api/actions/variables/GITOPS_APP_ID',
    );
    expect(said(ctx, logger)).toContain(
      'Secret GITOPS_APP_PRIVATE_KEY updated',
    );
  });

  it('refuses a repository outside launchpad.repositoryCi.owners and sends nothing', async () => {
    const github = await fakeGithubActions(
      'https://api.github.com',
      'someone-else/orders-api',
    );
    worker.use(...github.handlers);
    const { ctx } = context('github.com?owner=someone-else&repo=orders-api');
    await expect(action.handler(ctx)).rejects.toThrow(
      /only on repositories of acme \(launchpad\.repositoryCi\.owners\), not someone-else\/orders-api/,
    );
    expect(github.requests).toEqual([]);
  });

  it('names the missing access without any value when GitHub refuses', async () => {
    worker.use(
      http.post(
        'https://api.github.com/repos/acme/orders-api/actions/variables',
        () =>
          HttpResponse.json(
            { message: 'Resource not accessible by integration' },
            { status: 403 },
          ),
      ),
    );
    const { ctx, logger } = context();
    const error = await action.handler(ctx).catch(e => e);
    expect(String(error)).toMatch(
      /Creating the variable AWS_ECR_PUSH_ROLE_ARN on acme\/orders-api: GitHub answered 403 \(Resource not accessible by integration\)\. The integration needs admin access/,
    );
    expect(said(ctx, logger, error)).not.toContain(CANARY);
    expect(said(ctx, logger, error)).not.toContain('123456789012');
  });

  it('says what to configure when the portal has no settings', async () => {
    const unconfigured = createGithubActionsConfigureAction({
      integrations,
      settings: undefined,
    });
    await expect(unconfigured.handler(context().ctx)).rejects.toThrow(
      /launchpad\.repositoryCi is not configured/,
    );
  });

  it('sends nothing in a dry run', async () => {
    const github = await fakeGithubActions();
    worker.use(...github.handlers);
    const { ctx, logger } = context();
    await action.handler({ ...ctx, isDryRun: true });
    expect(github.requests).toEqual([]);
    expect(said(ctx, logger)).toContain(
      'Dry run: would set on acme/orders-api: variables AWS_ECR_PUSH_ROLE_ARN, GITOPS_APP_ID; secrets GITOPS_APP_PRIVATE_KEY',
    );
  });
});
