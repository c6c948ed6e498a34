/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createFastapiOpenApiWriteAction } from './writeOpenApi';
import { filesUnder, PYTHON, workspaceWithApp } from './testApp';

jest.setTimeout(60_000);

describe('fastapi:openapi:write', () => {
  const action = createFastapiOpenApiWriteAction({ python: PYTHON });
  const dirs: string[] = [];
  const workspace = (...args: Parameters<typeof workspaceWithApp>) => {
    const dir = workspaceWithApp(...args);
    dirs.push(dir);
    return dir;
  };
  afterAll(() =>
    dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })),
  );

  it("writes the app's OpenAPI document and nothing else into the workspace", async () => {
    const workspacePath = workspace();
    const ctx = createMockActionContext({
      workspacePath,
      input: { app: 'app.main:app' },
    });
    await action.handler(ctx);

    const document = JSON.parse(
      fs.readFileSync(path.join(workspacePath, 'openapi.json'), 'utf8'),
    );
    expect(document.info).toEqual({ title: 'orders-api', version: '0.1.0' });
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/items',
      '/healthz',
    ]);
    expect(document.paths['/api/v1/items'].post.responses).toHaveProperty(
      '201',
    );
    expect(ctx.output).toHaveBeenCalledWith('path', 'openapi.json');
    expect(ctx.output).toHaveBeenCalledWith('operations', 2);
    // No __pycache__ or other leftovers end up in the published repository.
    expect(filesUnder(workspacePath)).toEqual([
      'app/__init__.py',
      'app/main.py',
      'openapi.json',
    ]);
  });

  it("runs the app without the portal's environment variables", async () => {
    process.env.APP_NAME = 'portal-secret-canary';
    try {
      const workspacePath = workspace();
      await action.handler(
        createMockActionContext({
          workspacePath,
          input: { app: 'app.main:app' },
        }),
      );
      const text = fs.readFileSync(
        path.join(workspacePath, 'openapi.json'),
        'utf8',
      );
      expect(text).not.toContain('portal-secret-canary');
    } finally {
      delete process.env.APP_NAME;
    }
  });

  it("names the app's error when it cannot be imported", async () => {
    const workspacePath = workspace({
      'app/__init__.py': '',
      'app/main.py': 'import not_installed_module\n',
    });
    await expect(
      action.handler(
        createMockActionContext({
          workspacePath,
          input: { app: 'app.main:app' },
        }),
      ),
    ).rejects.toThrow(
      /OpenAPI document could not be produced: .*No module named 'not_installed_module'/,
    );
    expect(fs.existsSync(path.join(workspacePath, 'openapi.json'))).toBe(false);
  });

  it('refuses an object that is not a FastAPI app', async () => {
    const workspacePath = workspace({
      'app/__init__.py': '',
      'app/main.py':
        'class NotAnApp:\n    def openapi(self):\n        return {"x": 1}\napp = NotAnApp()\n',
    });
    await expect(
      action.handler(
        createMockActionContext({
          workspacePath,
          input: { app: 'app.main:app' },
        }),
      ),
    ).rejects.toThrow(/returned no OpenAPI document/);
  });

  it('refuses a target outside the workspace', async () => {
    const workspacePath = workspace();
    await expect(
      action.handler(
        createMockActionContext({
          workspacePath,
          input: { app: 'app.main:app', targetPath: '../openapi.json' },
        }),
      ),
    ).rejects.toThrow(/outside/i);
  });

  it('says how to fix a portal without the Python interpreter', async () => {
    const missing = createFastapiOpenApiWriteAction({
      python: '/nonexistent/python3',
    });
    await expect(
      missing.handler(
        createMockActionContext({
          workspacePath: workspace(),
          input: { app: 'app.main:app' },
        }),
      ),
    ).rejects.toThrow(
      /could not start \/nonexistent\/python3: .*launchpad\.fastapi\.python/,
    );
  });

  it('accepts only module:attribute as the app', async () => {
    const schema = JSON.stringify(action.schema?.input);
    expect(schema).toContain('"pattern"');
    await expect(
      action.handler(
        createMockActionContext({
          workspacePath: workspace(),
          input: { app: 'app.main:app; import os' },
        }),
      ),
    ).rejects.toThrow('app must be `module.path:attribute`');
  });
});
