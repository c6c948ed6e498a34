/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

export interface Config {
  launchpad?: {
    /**
     * Who may do what in the portal, read by the permission policy
     * (plugins/permission-backend-module-launchpad-policy). Entries are Group
     * entity references as the catalog names them, e.g. `group:default/platform`
     * (a GitHub team ingested by the githubOrg provider is `group:default/<team-slug>`).
     */
    access: {
      /**
       * Members of these groups may do everything: read every scaffolder task,
       * unregister any entity, delete locations, see every template.
       * Required, at least one group.
       */
      platformGroups: string[];
      /**
       * Members of these groups may run software templates (create scaffolder
       * tasks and register what the template creates in the catalog).
       * Platform groups always may. Default: nobody else.
       */
      templateRunners?: string[];
      /**
       * Per-template restriction. A Template entity annotated
       * `launchpad.dev/template-audience: <name>` is visible, and therefore
       * runnable, only for members of the groups listed here under `<name>`
       * (and platform groups). A template naming an audience that is not
       * listed here is visible to platform groups only.
       */
      templateAudiences?: {
        [audience: string]: string[];
      };
    };
  };
}
