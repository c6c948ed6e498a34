/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import {
  ARGOCD_URL,
  fastRetry,
  storedApplication,
  testConfig,
} from '@internal/plugin-argocd-node-test-utils';
import { createArgoCdCheckApplicationAvailableAction } from './checkApplicationAvailable';
import { examples } from './checkApplicationAvailable.examples';

const worker = setupServer();
registerMswTestHooks(worker);

describe('argocd:app:checkAvailable examples', () => {
  const action = createArgoCdCheckApplicationAvailableAction({
    config: testConfig(),
    retry: fastRetry,
  });
  const input = () => yaml.parse(examples[0].example).steps[0].input;

  it(`${examples[0].description}`, async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.json(
          { error: 'nf', code: 5, message: 'not found' },
          { status: 404 },
        ),
      ),
      http.get(`${ARGOCD_URL}/api/v1/applications`, () =>
        HttpResponse.json({ metadata: {}, items: [] }),
      ),
    );
    const ctx = createMockActionContext({ input: input() });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('appName', 'shop-api');

    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.json(
          storedApplication({
            spec: {
              project: 'team-shop',
              destination: { name: 'eks', namespace: 'shop' },
            },
          }),
        ),
      ),
    );
    await expect(
      action.handler(createMockActionContext({ input: input() }) as any),
    ).rejects.toThrow(/already exists/);
  });
});
