/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { catalogWith, recordingAuditor } from '../__testUtils__/fakes';
import { createCreateFastApiServiceAction } from './createFastApiService';
import { createDryRunFastApiServiceAction } from './dryRunFastApiService';
import { createGetDeploymentStatusAction } from './getDeploymentStatus';
import { createGetEntityOverviewAction } from './getEntityOverview';
import { createGetTemplateTaskAction } from './getTemplateTask';

// The examples an assistant sees with each tool fit the tool's own schemas.
describe('the actions’ examples', () => {
  const actionsRegistry = actionsRegistryServiceMock();
  const deps = {
    actionsRegistry,
    catalog: catalogWith([]).catalog,
    auth: mockServices.auth(),
    auditor: recordingAuditor().auditor,
    scaffolder: {} as ScaffolderService,
    pluginFetch: jest.fn(),
    appBaseUrl: 'https://portal.example.com',
  };
  createGetEntityOverviewAction(deps);
  createGetDeploymentStatusAction(deps);
  createCreateFastApiServiceAction(deps);
  createDryRunFastApiServiceAction(deps);
  createGetTemplateTaskAction(deps);

  it.each([...actionsRegistry.actions.entries()])(
    '%s has examples that fit its input and output schemas',
    (_id, action) => {
      expect(action.examples?.length).toBeGreaterThan(0);
      for (const example of action.examples ?? []) {
        expect(
          action.schema.input(z).safeParse(example.input).error,
        ).toBeUndefined();
        expect(
          action.schema.output(z).safeParse(example.output).error,
        ).toBeUndefined();
      }
    },
  );
});
