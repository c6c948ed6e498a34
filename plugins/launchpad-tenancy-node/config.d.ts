/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A team's deployment rules. Every string may use `{group}`, replaced by the
 * team's Group entity name (e.g. `team-{group}` is `team-payments` for
 * `group:default/payments`).
 */
interface TenancyRule {
  /**
   * The Argo CD AppProject the team's Applications belong to, e.g.
   * `team-{group}`. Never `default`.
   */
  project?: string;
  /**
   * Names of the clusters (as registered in Argo CD) the team deploys to. The
   * first one is the default when a template does not name one.
   */
  clusters?: string[];
  /**
   * Namespaces the team owns: exact names (`{group}`) or prefixes ending in
   * `*` (`{group}-*`). No two teams may own overlapping namespaces, and
   * none may match a reserved namespace (kube-*, default, argocd, the
   * portal's own, and `launchpad.tenancy.reservedNamespaces`).
   */
  namespaces?: string[];
  /** The team's ALB ingresses for services created from templates. */
  ingress?: {
    /**
     * DNS domains the team's hosts must fall under, e.g.
     * `{group}.apps.example.com`. The first one gives the default host
     * `<service>.<domain>`.
     */
    domains?: string[];
    /**
     * Whether the team may create `internet-facing` load balancers. Default
     * false: `internal` only.
     */
    internetFacing?: boolean;
    /**
     * ACM certificate for the team's HTTPS listener. Without it the AWS Load
     * Balancer Controller discovers an ACM certificate by the ingress host.
     */
    certificateArn?: string;
    /** Name of the team's ALB IngressGroup. Default `launchpad-{group}`. */
    groupName?: string;
  };
}

export interface Config {
  launchpad?: {
    /**
     * Team tenancy: which Argo CD project, clusters, namespaces and ingress
     * domains each team (a catalog Group) owns. Read by
     * `@internal/plugin-launchpad-tenancy-node`; the template check
     * `launchpad:tenancy:check`, `argocd:app:create`, the owner field of the
     * template form and the manifests in `deploy/tenancy/` all follow it.
     * Members of `launchpad.access.platformGroups` may act for every team.
     */
    tenancy?: {
      /**
       * Repositories Argo CD may deploy from, as AppProject `sourceRepos`
       * globs, e.g. `https://github.com/example-org/*`.
       */
      sourceRepos: string[];
      /** Namespaces no team may own, besides the built-in ones. */
      reservedNamespaces?: string[];
      /** The rule every team follows unless its own entry says otherwise. */
      defaults?: TenancyRule;
      /**
       * The teams. Only these groups are tenants: a template run for any
       * other group is refused.
       */
      teams: Array<
        TenancyRule & {
          /** The Group entity, e.g. `group:default/payments` (or `payments`). */
          group: string;
        }
      >;
    };
  };
}
