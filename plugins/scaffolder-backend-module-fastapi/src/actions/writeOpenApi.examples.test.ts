/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createFastapiOpenApiWriteAction } from './writeOpenApi';
import { examples } from './writeOpenApi.examples';
import { PYTHON, workspaceWithApp } from './testApp';

jest.setTimeout(60_000);

function stepInput(index: number) {
  return yaml.parse(examples[index].example).steps[0].input;
}

describe('fastapi:openapi:write examples', () => {
  const action = createFastapiOpenApiWriteAction({ python: PYTHON });

  it(`${examples[0].description}`, async () => {
    const workspacePath = workspaceWithApp();
    await action.handler(
      createMockActionContext({ workspacePath, input: stepInput(0) }),
    );
    const document = JSON.parse(
      fs.readFileSync(path.join(workspacePath, 'openapi.json'), 'utf8'),
    );
    expect(document.paths).toHaveProperty('/healthz');
    fs.rmSync(workspacePath, { recursive: true });
  });

  it(`${examples[1].description}`, async () => {
    const workspacePath = workspaceWithApp({
      'backend/service/__init__.py': '',
      'backend/service/api.py':
        'from fastapi import FastAPI\napplication = FastAPI(title="nested")\n@application.get("/ping")\ndef ping():\n    return "pong"\n',
    });
    const ctx = createMockActionContext({ workspacePath, input: stepInput(1) });
    await action.handler(ctx);
    const document = JSON.parse(
      fs.readFileSync(path.join(workspacePath, 'docs/openapi.json'), 'utf8'),
    );
    expect(document.info.title).toBe('nested');
    expect(ctx.output).toHaveBeenCalledWith('path', 'docs/openapi.json');
    fs.rmSync(workspacePath, { recursive: true });
  });
});
