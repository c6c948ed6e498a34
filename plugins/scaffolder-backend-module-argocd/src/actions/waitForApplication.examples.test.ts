/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import os from 'node:os';
import yaml from 'yaml';
import {
  storedApplication,
  testConfig,
} from '@internal/plugin-argocd-node-test-utils';
import { createArgoCdWaitForApplicationAction } from './waitForApplication';
import { examples } from './waitForApplication.examples';

const worker = setupServer();
registerMswTestHooks(worker);

const healthy = {
  sync: { status: 'Synced', revision: '9f8e7d6c' },
  health: { status: 'Healthy' },
};

describe('argocd:app:wait examples', () => {
  it(`${examples[0].description}`, async () => {
    const step = yaml.parse(examples[0].example).steps[0];
    expect(step.input.appName).toBe("${{ steps['argocd'].output.appName }}");
    let calls = 0;
    worker.use(
      http.get(
        'https://argocd.example.test/api/v1/applications/shop-api',
        () => {
          calls++;
          return HttpResponse.json(
            storedApplication({
              status:
                calls < 2
                  ? {
                      sync: { status: 'OutOfSync' },
                      health: { status: 'Progressing' },
                    }
                  : healthy,
            }),
          );
        },
      ),
    );
    const action = createArgoCdWaitForApplicationAction({
      config: testConfig({
        waitDefaults: { intervalSeconds: 0.01, timeoutSeconds: 5 },
      }),
    });
    // The scaffolder renders the template expression before the action runs.
    const ctx = createMockActionContext({
      input: { ...step.input, appName: 'shop-api' },
      workspacePath: os.tmpdir(),
    });
    await action.handler(ctx as any);
    expect(calls).toBe(2);
    expect(ctx.output).toHaveBeenCalledWith('revision', '9f8e7d6c');
  });

  it(`${examples[1].description}`, async () => {
    const input = yaml.parse(examples[1].example).steps[0].input;
    expect(input).toMatchObject({
      instance: 'production',
      intervalSeconds: 10,
      timeoutSeconds: 300,
    });
    worker.use(
      http.get('https://argocd.example.test/api/v1/applications/shop-api', () =>
        HttpResponse.json(storedApplication({ status: healthy })),
      ),
    );
    const action = createArgoCdWaitForApplicationAction({
      config: testConfig(),
    });
    const ctx = createMockActionContext({ input, workspacePath: os.tmpdir() });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('healthStatus', 'Healthy');
  });
});
