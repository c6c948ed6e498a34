/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export interface Config {
  launchpad?: {
    /**
     * What `github:actions:configure` sets on a repository a template
     * created, so its CI runs without manual steps. Per portal environment:
     * config/github.sandbox.yaml (the stand-in), config/github.yaml and
     * app-config.production.yaml (environment variables).
     */
    repositoryCi?: {
      /**
       * GitHub owners (organizations or users) whose repositories the action
       * may configure; any other repository is refused.
       */
      owners: string[];
      /**
       * GitHub Actions repository variables, name -> value
       * (e.g. AWS_ECR_PUSH_ROLE_ARN, TECHDOCS_S3_BUCKET, GITOPS_APP_ID).
       */
      variables?: { [name: string]: string };
      /**
       * GitHub Actions repository secrets, name -> value (e.g.
       * GITOPS_APP_PRIVATE_KEY). Sent only encrypted with the repository's
       * public key; never logged or returned.
       * @deepVisibility secret
       */
      secrets?: { [name: string]: string };
    };
  };
}
