/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { bareRuntimeFromDockerfile } from './bareApp';

// The runtime part of create-app 0.9.2's packages/backend/Dockerfile.
const DOCKERFILE = `
FROM node:24-trixie-slim
USER node
WORKDIR /app
ENV NODE_ENV=production
COPY --chown=node:node yarn.lock package.json packages/backend/dist/skeleton.tar.gz ./
RUN tar xzf skeleton.tar.gz && rm skeleton.tar.gz
COPY --chown=node:node packages/backend/dist/bundle.tar.gz app-config*.yaml ./
RUN tar xzf bundle.tar.gz && rm bundle.tar.gz
CMD ["node", "packages/backend", "--config", "app-config.yaml", "--config", "app-config.production.yaml"]
`;

describe('bareRuntimeFromDockerfile', () => {
  it("runs the Dockerfile's CMD with this machine's node and its ENV", () => {
    expect(bareRuntimeFromDockerfile(DOCKERFILE)).toEqual({
      command: [
        process.execPath,
        'packages/backend',
        '--config',
        'app-config.yaml',
        '--config',
        'app-config.production.yaml',
      ],
      env: { NODE_ENV: 'production' },
    });
  });

  it('refuses a CMD that is not node in exec form', () => {
    expect(() =>
      bareRuntimeFromDockerfile('FROM node:24\nCMD node packages/backend\n'),
    ).toThrow(/no exec-form CMD starting with node/);
  });
});
