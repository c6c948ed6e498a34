/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  CpuProfile,
  inclusiveTime,
  selfTimeBySource,
  sourceOf,
} from './cpuProfile';

const frame = (functionName: string, url: string) => ({
  functionName,
  url,
  lineNumber: 0,
});

// handle (express) → authenticate (backend-defaults) → decode (jose), and
// log (winston) beside it.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 5] },
    {
      id: 2,
      callFrame: frame(
        'handle',
        '/app/node_modules/express/lib/router/index.js',
      ),
      children: [3],
    },
    {
      id: 3,
      callFrame: frame(
        'authenticate',
        'file:///app/node_modules/@backstage/backend-defaults/dist/auth.cjs.js',
      ),
      children: [4],
    },
    {
      id: 4,
      callFrame: frame(
        'decodeProtectedHeader',
        '/app/node_modules/@backstage/backend-defaults/node_modules/jose/dist/decode.js',
      ),
    },
    {
      id: 5,
      callFrame: frame(
        'log',
        '/app/plugins/backend-operability/dist/log.cjs.js',
      ),
    },
  ],
  // The first sample's delta is the time before it; each sample counts the
  // delta that follows it.
  samples: [4, 4, 3, 2, 5, 1],
  timeDeltas: [0, 100, 100, 50, 50, 200, 0],
};

describe('sourceOf', () => {
  it('names the innermost package, Node modules, our workspaces and the VM', () => {
    expect(sourceOf('/a/node_modules/@x/y/node_modules/jose/dist/a.js')).toBe(
      'jose',
    );
    expect(
      sourceOf('/a/node_modules/@backstage/plugin-catalog-backend/dist/a.js'),
    ).toBe('@backstage/plugin-catalog-backend');
    expect(sourceOf('node:_http_server')).toBe('node:_http_server');
    expect(sourceOf('file:///app/plugins/backend-operability/dist/x.js')).toBe(
      'plugins/backend-operability',
    );
    expect(sourceOf('')).toBe('(vm)');
  });
});

describe('selfTimeBySource', () => {
  it('gives each source its own samples, per request, largest first', () => {
    expect(selfTimeBySource(profile, 2)).toEqual([
      ['jose', 100],
      ['plugins/backend-operability', 100],
      ['@backstage/backend-defaults', 25],
      ['express', 25],
      ['(vm)', 0],
    ]);
  });
});

describe('inclusiveTime', () => {
  it('counts a function with everything it called', () => {
    expect(inclusiveTime(profile, 1, /express|backend-defaults/)).toEqual([
      ['handle express index.js', 300],
      ['authenticate @backstage/backend-defaults auth.cjs.js', 250],
    ]);
  });
});
