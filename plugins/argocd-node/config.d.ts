/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export interface Config {
  /** Argo CD instances the scaffolder actions `argocd:app:create` and `argocd:app:wait` talk to. */
  argocd?: {
    /**
     * Argo CD instances. Templates pick one by `name`; the first is the default.
     */
    instances: Array<{
      /** Name templates use to pick this instance, e.g. `production`. */
      name: string;
      /** Base URL of the Argo CD API server, e.g. `https://argocd.example.com`. */
      url: string;
      /**
       * API token of the Argo CD account the portal uses (least privilege, see the
       * module README). Read it from the environment, e.g. `${ARGOCD_TOKEN}`.
       * @visibility secret
       */
      token: string;
      /**
       * Base URL of the Argo CD web UI, when it differs from `url`. Used to build
       * the application links returned by `argocd:app:create`.
       */
      uiUrl?: string;
    }>;
    /** Defaults for `argocd:app:wait` when a template does not set them. */
    waitDefaults?: {
      /** Seconds between two status polls. Default 5. */
      intervalSeconds?: number;
      /** Seconds before giving up. Default 600. */
      timeoutSeconds?: number;
    };
  };
}
