/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import {
  catalogWith,
  minji,
  recordingAuditor,
  sora,
} from '../__testUtils__/fakes';
import { createDryRunFastApiServiceAction } from './dryRunFastApiService';

const values = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/payments',
  system: 'system:default/payments',
  namespace: 'payments-orders',
  imageRepository:
    '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api',
  repoUrl: 'github.com?owner=example-org&repo=orders-api',
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dry-run-template-'));
  fs.mkdirSync(path.join(dir, 'skeleton/app'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules/x'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'template.yaml'), 'kind: Template\n');
  fs.writeFileSync(path.join(dir, 'skeleton/app/main.py'), 'app = 1\n');
  fs.writeFileSync(path.join(dir, 'node_modules/x/index.js'), '');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function template(location: string): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: 'fastapi-service',
      namespace: 'default',
      annotations: { 'backstage.io/managed-by-location': location },
    },
    spec: { type: 'service', steps: [] },
  };
}

function setup(entity: Entity, dryRun: ScaffolderService['dryRun']) {
  const actionsRegistry = actionsRegistryServiceMock();
  const { catalog } = catalogWith(
    [entity],
    (_e, user) => user !== 'user:default/minji-park',
  );
  const scaffolder = {
    dryRun: jest.fn(dryRun),
  } as unknown as ScaffolderService;
  const { auditor, events } = recordingAuditor();
  createDryRunFastApiServiceAction({
    actionsRegistry,
    catalog,
    auth: mockServices.auth(),
    scaffolder,
    auditor,
  });
  const invoke = (credentials = sora) =>
    actionsRegistry.invoke({
      id: 'test:dry-run-fastapi-service',
      input: values,
      credentials,
    });
  return { invoke, scaffolder, events };
}

describe('launchpad:dry-run-fastapi-service', () => {
  it("dry-runs the template's own files as the caller and returns what the repository would hold", async () => {
    const big = 'x'.repeat(20_000);
    const { invoke, scaffolder, events } = setup(
      template(`file:${path.join(dir, 'template.yaml')}`),
      async () => ({
        log: [],
        steps: [],
        output: {},
        directoryContents: [
          {
            path: 'README.md',
            base64Content: Buffer.from('# orders-api\n').toString('base64'),
          },
          {
            path: 'app/main.py',
            base64Content: Buffer.from('print(1)\n').toString('base64'),
            executable: true,
          },
          {
            path: 'logo.png',
            base64Content: Buffer.from([0x89, 0x50, 0x00, 0xff]).toString(
              'base64',
            ),
          },
          {
            path: 'big.txt',
            base64Content: Buffer.from(big).toString('base64'),
          },
        ],
      }),
    );
    const { output } = await invoke();
    expect(output).toEqual({
      templateRef: 'template:default/fastapi-service',
      files: [
        {
          path: 'app/main.py',
          size: 9,
          executable: true,
          content: 'print(1)\n',
        },
        { path: 'big.txt', size: 20_000 },
        { path: 'logo.png', size: 4 },
        { path: 'README.md', size: 13, content: '# orders-api\n' },
      ],
    });
    const [request, options] = (scaffolder.dryRun as jest.Mock).mock.calls[0];
    expect(options).toEqual({ credentials: sora });
    expect(request.values).toEqual({
      ...values,
      visibility: 'private',
      pythonVersion: '3.12',
      replicas: 2,
      waitForSync: true,
    });
    expect(request.template.metadata.name).toBe('fastapi-service');
    // The template folder's files, without node_modules.
    expect(
      request.directoryContents.map((f: { path: string }) => f.path).sort(),
    ).toEqual(['skeleton/app/main.py', 'template.yaml']);
    expect(events[0]).toMatchObject({
      eventId: 'dry-run-fastapi-service',
      meta: { actor: 'user:default/sora-choi', namespace: 'payments-orders' },
      outcome: 'success',
    });
  });

  it("passes on the scaffolder's refusal (the tenancy check of the dry run)", async () => {
    const { invoke, events } = setup(
      template(`file:${path.join(dir, 'template.yaml')}`),
      async () => {
        const error = new Error(
          "namespace 'payments-orders' does not belong to group:default/platform",
        );
        error.name = 'InputError';
        throw error;
      },
    );
    await expect(invoke()).rejects.toMatchObject({ name: 'InputError' });
    expect(events[0].outcome).toBe('fail');
  });

  it('refuses a caller who may not read the template, before reading any file', async () => {
    const { invoke, scaffolder } = setup(
      template(`file:${path.join(dir, 'template.yaml')}`),
      async () => {
        throw new Error('not reached');
      },
    );
    await expect(invoke(minji)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(scaffolder.dryRun).not.toHaveBeenCalled();
  });

  it('says why a template from a URL location cannot be dry-run', async () => {
    const { invoke, scaffolder } = setup(
      template(
        'url:https://github.com/example-org/templates/blob/main/template.yaml',
      ),
      async () => {
        throw new Error('not reached');
      },
    );
    await expect(invoke()).rejects.toMatchObject({
      name: 'NotImplementedError',
      message: expect.stringContaining(
        'only templates registered from a file location',
      ),
    });
    expect(scaffolder.dryRun).not.toHaveBeenCalled();
  });
});
