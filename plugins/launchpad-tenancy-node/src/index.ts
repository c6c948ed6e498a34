/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Team tenancy for Launchpad (`launchpad.tenancy`): which Argo CD project,
 * clusters, namespaces and ingress domains each team owns. The template
 * check, `argocd:app:create`, the owner field's backend and the generated
 * platform manifests all read it through this package.
 *
 * @packageDocumentation
 */
export {
  normalizeGroupRef,
  readTenancyConfig,
  type TeamIngress,
  type TenancyConfig,
  type TenantTeam,
} from './config';
export {
  TENANCY_ANNOTATIONS,
  TenancyRules,
  describeTeam,
  type DeploymentRequest,
  type IngressScheme,
  type ResolvedDeployment,
} from './rules';
export {
  DefaultTenancyService,
  tenancyServiceRef,
  type TenancyService,
  type UserTeams,
} from './service';
export {
  PORTAL_READER,
  TEAM_CLUSTER_KINDS,
  TEAM_DENIED_KINDS,
  argocdProjects,
  clusterNamespaces,
  lockedDefaultProject,
  teamAppProject,
  tenancyClusters,
  type AppProjectManifest,
  type GroupKind,
  type Manifest,
} from './manifests';
export {
  loadTenancyFromFiles,
  readPortalApplication,
  substituteEnv,
  tenancyDeployFiles,
} from './files';
export {
  PORTAL_ARGOCD_ACCOUNT,
  argocdPolicyCsv,
  argocdPolicyRules,
  argocdRbacManifests,
  type ArgoCdPolicyRule,
  type PortalApplicationRef,
} from './argocdRbac';
export {
  BUILT_IN_RESERVED_NAMESPACES,
  hostUnderDomain,
  isNamespaceName,
  namespaceMatches,
  patternWithin,
  patternsOverlap,
} from './patterns';
