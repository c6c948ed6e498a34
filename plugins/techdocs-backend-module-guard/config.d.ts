/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

export interface Config {
  techdocs?: {
    /**
     * Checks the TechDocs generator runs on a repository's mkdocs.yml before
     * mkdocs is started (module `@internal/plugin-techdocs-backend-module-guard`).
     */
    guard?: {
      /**
       * MkDocs plugins an mkdocs.yml may use. Anything else is refused,
       * because an MkDocs plugin is Python code that runs on the build server.
       * Default: `[search, techdocs-core]`.
       */
      allowedPlugins?: string[];
    };
  };
}
