/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Browser steps assert by waiting: a locator's waitFor() fails the test
    // when the element never appears.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', '**.waitFor', 'eventually', 'shoot'] },
    ],
  },
});
