/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export interface Config {
  launchpad?: {
    fastapi?: {
      /**
       * The Python interpreter `fastapi:openapi:write` runs the rendered app
       * with; it needs the `fastapi` package (Debian: python3-fastapi).
       * Default `python3` on PATH.
       */
      python?: string;
    };
  };
}
