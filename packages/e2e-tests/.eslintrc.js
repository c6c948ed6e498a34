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
