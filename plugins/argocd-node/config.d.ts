/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export interface Config {
  /**
   * Argo CD instances the scaffolder actions (`argocd:app:*`) and the Argo CD
   * status card's backend talk to, read by `readArgoCdConfig`.
   */
  argocd?: {
    /**
     * Argo CD instances. Templates (input `instance`) and entities (annotation
     * `argocd/instance-name`) pick one by `name`; the first is the default.
     */
    instances: Array<{
      /** Name templates use to pick this instance, e.g. `production`. */
      name: string;
      /** Base URL of the Argo CD API server, e.g. `https://argocd.example.com`. */
      url: string;
      /**
       * API token of the Argo CD account the portal uses (least privilege, see
       * plugins/scaffolder-backend-module-argocd/README.md). Read it from the environment, e.g. `${ARGOCD_TOKEN}`.
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
