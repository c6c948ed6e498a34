/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogIngestionManagePermission,
  catalogIngestionReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  kubernetesClustersReadPermission,
  kubernetesProxyPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  unprocessedEntitiesDeletePermission,
  unprocessedEntitiesReadPermission,
} from '@backstage/plugin-catalog-unprocessed-entities-common';
import {
  AuthorizeResult,
  createPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { readLaunchpadAccessConfig } from './config';
import {
  AccessSubject,
  decide,
  LaunchpadPermissionPolicy,
  TEMPLATE_AUDIENCE_ANNOTATION,
} from './policy';

const access = readLaunchpadAccessConfig(
  new ConfigReader({
    launchpad: {
      access: {
        platformGroups: ['group:default/platform'],
        templateRunners: [
          'group:default/payments',
          'group:default/platform-sre',
        ],
        templateAudiences: {
          sre: ['group:default/platform-sre'],
          payments: ['group:default/payments', 'group:default/auditors'],
        },
      },
    },
  }),
);

// The roles of the table; the users match the sandbox's GitHub stand-in.
const subjects = {
  platform: {
    userEntityRef: 'user:default/minji-park',
    ownershipEntityRefs: ['user:default/minji-park', 'group:default/platform'],
  },
  runner: {
    userEntityRef: 'user:default/sora-choi',
    ownershipEntityRefs: ['user:default/sora-choi', 'group:default/payments'],
  },
  sre: {
    userEntityRef: 'user:default/junho-lee',
    ownershipEntityRefs: [
      'user:default/junho-lee',
      'group:default/platform-sre',
    ],
  },
  // In an audience (payments) but not among the template runners.
  auditor: {
    userEntityRef: 'user:default/ada-audit',
    ownershipEntityRefs: ['user:default/ada-audit', 'group:default/auditors'],
  },
  // An organization member in no configured group.
  other: {
    userEntityRef: 'user:default/daniel-kang',
    ownershipEntityRefs: [
      'user:default/daniel-kang',
      'group:default/marketing',
    ],
  },
} satisfies Record<string, AccessSubject>;
type Role = keyof typeof subjects;
const roles = Object.keys(subjects) as Role[];

function entity(
  kind: string,
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const entities = {
  paymentsApi: entity('Component', 'payments-api', 'group:default/payments'),
  gateway: entity('Component', 'platform-gateway', 'group:default/platform'),
  danielsLib: entity('Component', 'daniels-lib', 'user:default/daniel-kang'),
  paymentsGroup: entity('Group', 'payments', 'group:default/payments'),
  openTemplate: entity('Template', 'fastapi-service', 'group:default/platform'),
  sreTemplate: entity('Template', 'incident-drill', 'group:default/platform', {
    [TEMPLATE_AUDIENCE_ANNOTATION]: 'sre',
  }),
  paymentsTemplate: entity(
    'Template',
    'psp-adapter',
    'group:default/payments',
    {
      [TEMPLATE_AUDIENCE_ANNOTATION]: 'payments',
    },
  ),
  // Names an audience nobody configured: platform only (fails closed).
  typoTemplate: entity('Template', 'typo', 'group:default/payments', {
    [TEMPLATE_AUDIENCE_ANNOTATION]: 'paymnets',
  }),
};
type EntityName = keyof typeof entities;
const allEntities = Object.keys(entities) as EntityName[];

const isCatalogAuthorized = createConditionAuthorizer<Entity, unknown>(
  Object.values(permissionRules) as PermissionRule<Entity, unknown, string>[],
);

/** Entities for which the decision comes out as allowed. */
function allowedEntities(decision: PolicyDecision): EntityName[] {
  return allEntities.filter(name =>
    isCatalogAuthorized(decision, entities[name]),
  );
}

const nonTemplates: EntityName[] = [
  'paymentsApi',
  'gateway',
  'danielsLib',
  'paymentsGroup',
];

describe('decide: catalog.entity.read (every signed-in user; templates by audience)', () => {
  it.each<[Role, EntityName[]]>([
    ['platform', allEntities],
    ['runner', [...nonTemplates, 'openTemplate', 'paymentsTemplate']],
    ['sre', [...nonTemplates, 'openTemplate', 'sreTemplate']],
    ['auditor', [...nonTemplates, 'openTemplate', 'paymentsTemplate']],
    ['other', [...nonTemplates, 'openTemplate']],
  ])('%s reads %j', (role, expected) => {
    const decision = decide(
      catalogEntityReadPermission,
      subjects[role],
      access,
    );
    expect(allowedEntities(decision)).toEqual(expected);
  });
});

describe('decide: catalog.entity.delete (unregister: owners and platform)', () => {
  it.each<[Role, EntityName[]]>([
    ['platform', allEntities],
    [
      'runner',
      ['paymentsApi', 'paymentsGroup', 'paymentsTemplate', 'typoTemplate'],
    ],
    ['sre', []],
    ['auditor', []],
    ['other', ['danielsLib']],
  ])('%s may unregister %j', (role, expected) => {
    const decision = decide(
      catalogEntityDeletePermission,
      subjects[role],
      access,
    );
    expect(allowedEntities(decision)).toEqual(expected);
  });

  it('matches owner references regardless of case', () => {
    const decision = decide(
      catalogEntityDeletePermission,
      {
        userEntityRef: 'user:default/Sora-Choi',
        ownershipEntityRefs: [
          'user:default/Sora-Choi',
          'group:default/Payments',
        ],
      },
      access,
    );
    expect(allowedEntities(decision)).toContain('paymentsApi');
  });
});

describe('decide: scaffolder tasks (own tasks only; platform reads all)', () => {
  it.each([taskReadPermission, taskCancelPermission])(
    '$name is conditional on being the task creator for non-platform users',
    permission => {
      for (const role of roles.filter(r => r !== 'platform')) {
        const decision = decide(permission, subjects[role], access);
        expect(decision).toEqual({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'scaffolder',
          resourceType: 'scaffolder-task',
          conditions: {
            rule: 'IS_TASK_OWNER',
            resourceType: 'scaffolder-task',
            params: { createdBy: [subjects[role].userEntityRef] },
          },
        });
      }
      expect(decide(permission, subjects.platform, access)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    },
  );

  it('keeps both spellings of a mixed-case user reference', () => {
    const decision = decide(
      taskReadPermission,
      { userEntityRef: 'user:default/Sora-Choi', ownershipEntityRefs: [] },
      access,
    );
    expect(decision).toMatchObject({
      conditions: {
        params: {
          createdBy: ['user:default/Sora-Choi', 'user:default/sora-choi'],
        },
      },
    });
  });
});

// Unconditional decisions: A = allow, D = deny, per role in the order
// platform, runner, sre, auditor, other.
const basicTable: Array<[Permission, string]> = [
  // Template runners: start tasks and register the result in the catalog.
  [taskCreatePermission, 'AAADD'],
  [templateDryRunPermission, 'AAADD'],
  [catalogLocationCreatePermission, 'AAADD'],
  [catalogEntityCreatePermission, 'AAADD'],
  [catalogLocationAnalyzePermission, 'AAADD'],
  // Every signed-in user.
  [catalogLocationReadPermission, 'AAAAA'],
  [catalogEntityRefreshPermission, 'AAAAA'],
  [catalogEntityValidatePermission, 'AAAAA'],
  [templateParameterReadPermission, 'AAAAA'],
  [templateStepReadPermission, 'AAAAA'],
  [actionExecutePermission, 'AAAAA'],
  [kubernetesResourcesReadPermission, 'AAAAA'],
  [kubernetesClustersReadPermission, 'AAAAA'],
  // Platform only.
  [catalogLocationDeletePermission, 'ADDDD'],
  [catalogIngestionReadPermission, 'ADDDD'],
  [catalogIngestionManagePermission, 'ADDDD'],
  [templateManagementPermission, 'ADDDD'],
  [kubernetesProxyPermission, 'ADDDD'],
  // The unprocessed-entities view and deleting its rows
  // (catalog-backend-module-unprocessed): no rule names them on purpose.
  [unprocessedEntitiesReadPermission, 'ADDDD'],
  [unprocessedEntitiesDeletePermission, 'ADDDD'],
  // A permission of a plugin added later: platform only until a rule names it.
  [createPermission({ name: 'newplugin.thing.do', attributes: {} }), 'ADDDD'],
];

const letter = {
  [AuthorizeResult.ALLOW]: 'A',
  [AuthorizeResult.DENY]: 'D',
  [AuthorizeResult.CONDITIONAL]: 'C',
};

describe('decide: unconditional permissions', () => {
  it.each(basicTable.map(([p, expected]) => [p.name, p, expected] as const))(
    '%s: %s',
    (_name, permission, expected) => {
      const actual = roles
        .map(role => decide(permission, subjects[role], access).result)
        .map(result => letter[result])
        .join('');
      expect(actual).toBe(expected);
    },
  );
});

describe('LaunchpadPermissionPolicy', () => {
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      const subject = Object.values(subjects).find(
        s => s.userEntityRef === ref,
      );
      if (!subject) throw new Error(`unknown user ${ref}`);
      return subject;
    },
  });
  const policy = new LaunchpadPermissionPolicy({ access, userInfo });

  it('decides with the ownership references of the signed-in user', async () => {
    const credentials = mockCredentials.user('user:default/sora-choi');
    await expect(
      policy.handle(
        { permission: taskCreatePermission },
        { credentials, info: {} as any },
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    const other = mockCredentials.user('user:default/daniel-kang');
    await expect(
      policy.handle(
        { permission: taskCreatePermission },
        { credentials: other, info: {} as any },
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies a request that carries no user', async () => {
    await expect(
      policy.handle({ permission: catalogEntityReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
