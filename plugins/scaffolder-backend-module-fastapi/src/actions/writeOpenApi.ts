/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './writeOpenApi.examples';

/** `module.path:attribute`, the form uvicorn takes (e.g. `app.main:app`). */
const APP_PATTERN =
  /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Imports the app (argv[2]) with argv[1] first on sys.path and prints
 * app.openapi(): the document FastAPI serves at /openapi.json.
 */
const APP_MESSAGE =
  'app must be `module.path:attribute` (letters, digits, _ and dots), e.g. app.main:app';

const EXPORT_SCRIPT = `
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
module_name, _, attribute = sys.argv[2].partition(":")
app = getattr(importlib.import_module(module_name), attribute)
sys.stdout.write(json.dumps(app.openapi(), indent=2) + "\\n")
`;

const TIMEOUT_MS = 60_000;

function runPython(python: string, args: string[], cwd: string) {
  return new Promise<string>((resolve, reject) => {
    execFile(
      python,
      args,
      {
        cwd,
        timeout: TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
        // Only what Python needs: none of the portal's own variables (tokens,
        // database passwords) reach the app's code.
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          LANG: 'C.UTF-8',
          HOME: cwd,
        },
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          reject(
            new ServiceUnavailableError(
              `fastapi:openapi:write could not start ${python}: install Python 3 with FastAPI on the portal (Debian: python3-fastapi) or set launchpad.fastapi.python`,
            ),
          );
          return;
        }
        const lastLines = String(stderr)
          .trim()
          .split('\n')
          .slice(-3)
          .join(' | ');
        reject(
          new InputError(
            error.killed
              ? `the app did not produce its OpenAPI document within ${
                  TIMEOUT_MS / 1000
                } s`
              : `the app's OpenAPI document could not be produced: ${
                  lastLines || error.message
                }`,
          ),
        );
      },
    );
  });
}

/**
 * Creates the `fastapi:openapi:write` action: imports the rendered FastAPI app
 * from the workspace with a Python interpreter and writes what `app.openapi()`
 * returns (the document the app serves at `/openapi.json`) to a file, so the
 * API entity in `catalog-info.yaml` can point at it with `$text`. The app runs
 * without the portal's environment variables; `-I -B` keep Python from
 * reading PYTHON* variables or writing `__pycache__` into the workspace.
 */
export function createFastapiOpenApiWriteAction(options: { python: string }) {
  return createTemplateAction({
    id: 'fastapi:openapi:write',
    description:
      "Writes a rendered FastAPI app's own OpenAPI document (app.openapi()) into the workspace",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        app: z =>
          z
            .string({
              description:
                'The app as uvicorn names it: `module.path:attribute`, e.g. app.main:app',
            })
            .regex(APP_PATTERN, {
              message: APP_MESSAGE,
            }),
        sourceDir: z =>
          z
            .string({
              description:
                'Directory in the workspace the module is imported from (default: the workspace)',
            })
            .optional(),
        targetPath: z =>
          z
            .string({
              description:
                'File in the workspace to write (default openapi.json)',
            })
            .optional(),
      },
      output: {
        path: z =>
          z.string({
            description: 'The written file, relative to the workspace',
          }),
        operations: z =>
          z.number({ description: 'How many operations the document has' }),
      },
    },
    async handler(ctx) {
      // The scaffolder checks the schema too; this keeps the handler safe on its own.
      if (!APP_PATTERN.test(ctx.input.app)) {
        throw new InputError(APP_MESSAGE);
      }
      const sourceDir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourceDir ?? '.',
      );
      const targetPath = ctx.input.targetPath ?? 'openapi.json';
      const target = resolveSafeChildPath(ctx.workspacePath, targetPath);

      const text = await runPython(
        options.python,
        ['-I', '-B', '-c', EXPORT_SCRIPT, sourceDir, ctx.input.app],
        ctx.workspacePath,
      );
      let document: { openapi?: unknown; paths?: Record<string, object> };
      try {
        document = JSON.parse(text);
      } catch {
        throw new InputError(
          `${ctx.input.app}.openapi() did not print a JSON document`,
        );
      }
      if (typeof document?.openapi !== 'string' || !document.paths) {
        throw new InputError(
          `${ctx.input.app}.openapi() returned no OpenAPI document (expected "openapi" and "paths")`,
        );
      }
      const operations = Object.values(document.paths).reduce(
        (sum, item) => sum + Object.keys(item).length,
        0,
      );
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text, 'utf8');
      ctx.logger.info(
        `Wrote ${targetPath}: OpenAPI ${document.openapi}, ${
          Object.keys(document.paths).length
        } paths, ${operations} operations`,
      );
      ctx.output('path', targetPath);
      ctx.output('operations', operations);
    },
  });
}
