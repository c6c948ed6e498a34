/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

export interface Config {
  techdocs?: {
    /**
     * Checks the TechDocs generator runs on a repository's mkdocs.yml before
     * mkdocs is started (module `@internal/plugin-techdocs-backend-module-guard`).
     * Both lists are allow lists: anything not named is refused. What is
     * allowed by default, and why: the module's README.
     */
    guard?: {
      /**
       * MkDocs plugins an mkdocs.yml may use. Anything else is refused,
       * because an MkDocs plugin is Python code that runs on the build server.
       * Replaces the default, `[search]`. techdocs-core, monorepo,
       * include-markdown and macros read files from anywhere on the build
       * server and are refused even if listed here: the backend does not
       * start with them in this list.
       * @visibility backend
       */
      allowedPlugins?: string[];
      /**
       * Markdown extensions an mkdocs.yml may list under markdown_extensions.
       * Anything else is refused. Replaces the default list: abbr, admonition,
       * attr_list, codehilite, def_list, fenced_code, footnotes, md_in_html,
       * meta, sane_lists, tables, toc, pymdownx.caret, pymdownx.details,
       * pymdownx.emoji, pymdownx.highlight, pymdownx.inlinehilite,
       * pymdownx.keys, pymdownx.mark, pymdownx.smartsymbols,
       * pymdownx.superfences, pymdownx.tabbed, pymdownx.tasklist,
       * pymdownx.tilde. pymdownx.snippets, pymdownx.b64,
       * markdown_include.include and mdx_include read files (or URLs) from
       * anywhere on the build server and are refused even if listed here:
       * the backend does not start with them in this list.
       * @visibility backend
       */
      allowedMarkdownExtensions?: string[];
    };
  };
}
