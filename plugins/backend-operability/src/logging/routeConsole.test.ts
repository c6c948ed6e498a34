/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import { routeConsoleToLogger } from './routeConsole';

describe('routeConsoleToLogger', () => {
  const route = () => {
    const logger = mockServices.logger.mock();
    const restore = routeConsoleToLogger(logger);
    return { logger, restore };
  };

  it('keeps the level console was called with', () => {
    const { logger, restore } = route();
    try {
      console.log('pool %s', 'ready');
      console.warn('slow');
      console.error('Connection Error: %s', 'ECONNREFUSED');
    } finally {
      restore();
    }
    expect(logger.info).toHaveBeenCalledWith('pool ready');
    expect(logger.warn).toHaveBeenCalledWith('slow');
    expect(logger.error).toHaveBeenCalledWith('Connection Error: ECONNREFUSED');
  });

  it("logs Node's own process warnings as warnings, not errors", () => {
    const { logger, restore } = route();
    const message =
      '(node:8032) [DEP0060] DeprecationWarning: The `util._extend` API is deprecated. Please use Object.assign() instead.';
    try {
      console.error(message);
      console.error('(node:8032) Warning: something to know');
    } finally {
      restore();
    }
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(message);
    expect(logger.warn).toHaveBeenCalledWith(
      '(node:8032) Warning: something to know',
    );
  });

  it('gives the console back', () => {
    const before = console.error;
    const { restore } = route();
    expect(console.error).not.toBe(before);
    restore();
    expect(console.error).toBe(before);
  });
});
