/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  kubernetesClustersReadPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { LaunchpadAccessConfig, normalizeEntityRef } from './config';

/**
 * A Template entity with this annotation is visible (and so runnable) only
 * for the groups that `launchpad.access.templateAudiences.<value>` lists.
 */
export const TEMPLATE_AUDIENCE_ANNOTATION = 'launchpad.dev/template-audience';

/** Who is asking, as far as the policy is concerned. */
export interface AccessSubject {
  userEntityRef: string;
  /** The user's ownership references (the user and their groups). */
  ownershipEntityRefs: string[];
}

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** Readable by every signed-in user. */
const SIGNED_IN: Permission[] = [
  catalogLocationReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  templateParameterReadPermission,
  templateStepReadPermission,
  // Runs with the task initiator's credentials; who may start a task at all
  // is decided by scaffolder.task.create.
  actionExecutePermission,
  // The entity itself is fetched with the user's credentials, so what a
  // user sees of Kubernetes follows catalog.entity.read of the entity.
  kubernetesResourcesReadPermission,
  kubernetesClustersReadPermission,
];

/** For template runners: start a task and register what it created. */
const TEMPLATE_RUNNER: Permission[] = [
  taskCreatePermission,
  templateDryRunPermission,
  catalogLocationCreatePermission,
  catalogLocationAnalyzePermission,
  catalogEntityCreatePermission,
];

function includes(list: Permission[], permission: Permission) {
  return list.some(p => isPermission(permission, p));
}

/**
 * Launchpad's permission policy (see the README of this package for the
 * rules and why they are shaped this way). Pure: the decision depends only on
 * the permission, who asks and the config.
 */
export function decide(
  permission: Permission,
  subject: AccessSubject,
  access: LaunchpadAccessConfig,
): PolicyDecision {
  const claims = new Set(
    [subject.userEntityRef, ...subject.ownershipEntityRefs].map(ref =>
      ref.toLocaleLowerCase('en-US'),
    ),
  );
  const memberOfAny = (groups: string[]) => groups.some(g => claims.has(g));

  // The platform group may do everything, including what no rule names.
  if (memberOfAny(access.platformGroups)) {
    return ALLOW;
  }

  if (isPermission(permission, catalogEntityReadPermission)) {
    // Everything except templates restricted to an audience the user is
    // not part of. Unknown audiences fall through to "not visible".
    const audiences = Object.entries(access.templateAudiences)
      .filter(([, groups]) => memberOfAny(groups))
      .map(([name]) => name);
    return createCatalogConditionalDecision(permission, {
      anyOf: [
        { not: catalogConditions.isEntityKind({ kinds: ['Template'] }) },
        {
          not: catalogConditions.hasAnnotation({
            annotation: TEMPLATE_AUDIENCE_ANNOTATION,
          }),
        },
        ...audiences.map(value =>
          catalogConditions.hasAnnotation({
            annotation: TEMPLATE_AUDIENCE_ANNOTATION,
            value,
          }),
        ),
      ],
    });
  }

  if (isPermission(permission, catalogEntityDeletePermission)) {
    // Unregistering: the entity's owners only.
    return createCatalogConditionalDecision(
      permission,
      catalogConditions.isEntityOwner({ claims: [...claims] }),
    );
  }

  if (
    isPermission(permission, taskReadPermission) ||
    isPermission(permission, taskCancelPermission)
  ) {
    // A user sees and cancels only the tasks they started. The task stores
    // the user reference as it was at creation, so match it as given too.
    const createdBy = [
      ...new Set([
        subject.userEntityRef,
        normalizeEntityRef(subject.userEntityRef),
      ]),
    ];
    return createScaffolderTaskConditionalDecision(
      permission,
      scaffolderTaskConditions.isTaskOwner({ createdBy }),
    );
  }

  if (includes(SIGNED_IN, permission)) {
    return ALLOW;
  }

  if (includes(TEMPLATE_RUNNER, permission)) {
    return memberOfAny(access.templateRunners) ? ALLOW : DENY;
  }

  // Everything else (catalog.location.delete, catalog.ingestion.*,
  // scaffolder.template.management, kubernetes.proxy, and permissions of
  // plugins added later) is for the platform group only.
  return DENY;
}

/**
 * The PermissionPolicy the permission backend calls. It only ever sees user
 * principals: the permissions service allows service principals
 * (backend-to-backend, the PORTAL_API_TOKEN) before a policy is asked, and a
 * request without a user (no sign-in) is denied here.
 */
export class LaunchpadPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      access: LaunchpadAccessConfig;
      userInfo: UserInfoService;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return DENY;
    }
    const info = await this.options.userInfo.getUserInfo(user.credentials);
    return decide(
      request.permission,
      {
        userEntityRef: info.userEntityRef,
        ownershipEntityRefs: info.ownershipEntityRefs,
      },
      this.options.access,
    );
  }
}
