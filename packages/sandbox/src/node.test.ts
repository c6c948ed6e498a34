/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { unsupportedNode } from './node';

const engines = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'),
).engines.node;

describe('unsupportedNode', () => {
  it("accepts the Node versions package.json's engines.node names", () => {
    expect(engines).toBe('22 || 24');
    expect(unsupportedNode('22.23.3', engines)).toBeUndefined();
    expect(unsupportedNode('v24.18.1', engines)).toBeUndefined();
  });

  it('refuses any other major version with one line saying which to use', () => {
    expect(unsupportedNode('20.19.0', engines)).toBe(
      'Node 20.19.0 is not supported: use Node 22 or 24 (engines.node in package.json; .nvmrc says which one CI uses)',
    );
    expect(unsupportedNode('25.0.0', engines)).toMatch(
      /^Node 25\.0\.0 is not supported/,
    );
  });
});
