/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@internal/test-support';
import { runtimeStageSteps } from './productionRuntime';

const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');

describe('runtimeStageSteps', () => {
  it('mirrors the image: its ENV, the build-time steps and the files it copies', () => {
    const steps = runtimeStageSteps(dockerfile);
    expect(steps.env).toMatchObject({
      NODE_ENV: 'production',
      NODE_OPTIONS: expect.stringMatching(/--max-old-space-size=\d+/),
      NODE_COMPILE_CACHE: '.node-compile-cache',
    });
    expect(steps.nodeRuns).toEqual([
      ['packages/backend/warm-compile-cache.cjs'],
      ['packages/backend/write-config-schema.cjs'],
    ]);
    expect(steps.otherCopies).toEqual([
      {
        source: 'packages/backend/warm-compile-cache.cjs',
        dest: './packages/backend/',
      },
      {
        source: 'packages/backend/instrumentation.cjs',
        dest: './packages/backend/',
      },
      {
        source: 'packages/backend/write-config-schema.cjs',
        dest: './packages/backend/',
      },
    ]);
    expect(steps.cmd.slice(0, 3)).toEqual([
      'node',
      '--require',
      './packages/backend/instrumentation.cjs',
    ]);
  });

  it('refuses a RUN step it cannot mirror faithfully', () => {
    const text =
      'FROM node AS runtime\nWORKDIR /app\nRUN node a.js && rm -rf x\nCMD ["node", "b"]\n';
    expect(() => runtimeStageSteps(text)).toThrow(/only plain 'node <args>'/);
  });

  it('refuses an image whose CMD is missing or not node', () => {
    expect(() => runtimeStageSteps('FROM node\nWORKDIR /app\n')).toThrow(
      'The Dockerfile has no exec-form CMD',
    );
    expect(() =>
      runtimeStageSteps('FROM node\nWORKDIR /app\nCMD ["bash", "x"]\n'),
    ).toThrow("The Dockerfile's CMD must start with node, not bash");
  });

  it('ignores RUN steps that are not node and stages before the last', () => {
    const text = [
      'FROM node AS build',
      'ENV IN_BUILD=1',
      'RUN node build.js',
      'FROM node AS runtime',
      'WORKDIR /app',
      'ENV A=1 B="two words"',
      'RUN tar xzf bundle.tar.gz',
      'CMD ["node", "packages/backend"]',
    ].join('\n');
    expect(runtimeStageSteps(text)).toEqual({
      cmd: ['node', 'packages/backend'],
      env: { A: '1', B: 'two words' },
      nodeRuns: [],
      otherCopies: [],
    });
  });
});
