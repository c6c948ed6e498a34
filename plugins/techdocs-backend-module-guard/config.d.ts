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
      /**
       * Markdown extensions an mkdocs.yml may list under markdown_extensions.
       * Anything else is refused. Replaces the default list (the extensions
       * the portal's own docs and the FastAPI template use, and a few more
       * that only rewrite text; see the module's README). pymdownx.snippets,
       * pymdownx.b64, markdown_include.include and mdx_include read files
       * from anywhere on the build server and are refused even if listed
       * here: the backend does not start with them in this list.
       */
      allowedMarkdownExtensions?: string[];
    };
  };
}
