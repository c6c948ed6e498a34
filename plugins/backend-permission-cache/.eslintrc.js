/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname);
