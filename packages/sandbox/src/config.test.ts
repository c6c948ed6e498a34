/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { repoRoot } from '@internal/test-support';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeSandboxPorts, writeConfigForPorts } from './config';
import { planSandbox } from './plan';

describe('writeConfigForPorts', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-config-'));
  });
  afterEach(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("points the sandbox's config files at other ports, and nothing else", async () => {
    const ports = await freeSandboxPorts();
    expect(new Set(Object.values(ports)).size).toBe(3);
    const files = planSandbox({}).configFiles;
    const written = writeConfigForPorts({
      files,
      rootDir: repoRoot,
      outDir,
      ports,
    });
    expect(written).toEqual(
      files.map(f => path.join(outDir, path.basename(f))),
    );
    const github = fs.readFileSync(
      path.join(outDir, 'github.sandbox.yaml'),
      'utf8',
    );
    expect(github).toContain(`localhost:${ports.github}`);
    expect(github).not.toContain('localhost:3300');
    expect(github).toContain('../../catalog-info.yaml');
    const original = fs.readFileSync(
      path.join(repoRoot, 'config/github.sandbox.yaml'),
      'utf8',
    );
    expect(github).toBe(
      original.replaceAll('localhost:3300', `localhost:${ports.github}`),
    );
  });

  it('makes relative paths absolute when asked', () => {
    const [out] = writeConfigForPorts({
      files: ['config/github.sandbox.yaml'],
      rootDir: repoRoot,
      outDir,
      ports: { github: 1, argocd: 2, kubernetes: 3 },
      absolutePaths: true,
    });
    const text = fs.readFileSync(out, 'utf8');
    expect(text).not.toContain('../../');
    expect(text).toContain(`${repoRoot}/catalog-info.yaml`);
  });
});
