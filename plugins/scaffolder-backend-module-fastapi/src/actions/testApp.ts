/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Debian's interpreter carries python3-fastapi; a pyenv/venv python3 earlier on PATH would not.
export const PYTHON = process.env.FASTAPI_TEMPLATE_PYTHON ?? '/usr/bin/python3';

/** A workspace with a small FastAPI app at `<dir>/<module path>.py`. */
export function workspaceWithApp(
  files: Record<string, string> = {
    'app/__init__.py': '',
    'app/main.py': [
      'import os',
      'from fastapi import FastAPI',
      'app = FastAPI(title=os.environ.get("APP_NAME", "orders-api"), version="0.1.0")',
      '@app.get("/healthz")',
      'def healthz():',
      '    return {"status": "ok"}',
      '@app.post("/api/v1/items", status_code=201)',
      'def create_item(name: str):',
      '    return {"name": name}',
      '',
    ].join('\n'),
  },
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastapi-openapi-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** Every file under dir, relative to it. */
export function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
