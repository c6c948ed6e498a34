/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import { readFileSync } from 'node:fs';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import {
  TemplateEntityV1beta3,
  templateEntityV1beta3Validator,
} from '@backstage/plugin-scaffolder-common';
import { customizeValidator } from '@rjsf/validator-ajv8';
import ajvErrors from 'ajv-errors';
import { parse } from 'yaml';
import { templateFile } from './index';

const template = parse(
  readFileSync(templateFile, 'utf8'),
) as TemplateEntityV1beta3;

// The same policies the catalog applies when it ingests an entity.
const catalogPolicies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

// The scaffolder frontend's form validator (Stepper): rjsf's ajv8 validator with ajv-errors.
const formValidator = customizeValidator();
ajvErrors(formValidator.ajv as any);

const pages = [template.spec.parameters ?? []].flat() as Record<string, any>[];

/**
 * Splits `ui:*` keys from a form page into a uiSchema, leaving the JSON schema,
 * like the scaffolder form's extractSchemaFromStep (whose module needs a DOM to import).
 */
function extractSchemaFromStep(step: Record<string, any>) {
  const uiSchema: Record<string, any> = {};
  const strip = (node: any, ui: Record<string, any>): any => {
    if (Array.isArray(node)) return node.map(n => strip(n, {}));
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, any> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('ui:')) {
        ui[key] = value;
      } else if (key === 'properties' && value && typeof value === 'object') {
        out.properties = Object.fromEntries(
          Object.entries(value as Record<string, any>).map(([name, prop]) => {
            ui[name] = ui[name] ?? {};
            return [name, strip(prop, ui[name])];
          }),
        );
      } else {
        out[key] = strip(value, {});
      }
    }
    return out;
  };
  const schema = strip(step, uiSchema);
  return { schema, uiSchema };
}

function pageWith(field: string) {
  const page = pages.find(p => p.properties?.[field]);
  if (!page) throw new Error(`no form page has the field ${field}`);
  // Split ui:* keys from the JSON schema exactly as the scaffolder form does.
  return extractSchemaFromStep(page);
}

const validPage1 = {
  name: 'orders-api',
  description: 'Order API',
  owner: 'group:default/platform',
  system: 'system:default/commerce',
  pythonVersion: '3.12',
};
const validPage3 = {
  namespace: 'payments-orders',
  imageRepository:
    '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api',
  replicas: 2,
};

function formErrors(field: string, data: Record<string, unknown>) {
  const { schema } = pageWith(field);
  return formValidator.validateFormData(data, schema as any).errors;
}

describe('template.yaml', () => {
  it('is a valid Template entity for the catalog and the scaffolder', async () => {
    const entity = template as unknown as Entity;
    await expect(catalogPolicies.enforce(entity)).resolves.toMatchObject({
      kind: 'Template',
      metadata: { name: 'fastapi-service', namespace: 'default' },
    });
    await expect(templateEntityV1beta3Validator.check(entity)).resolves.toBe(
      true,
    );
    expect(template.metadata.name).toBe('fastapi-service');
    expect(template.spec.owner).toBe('group:default/platform');
    expect(template.metadata.tags).toEqual(
      expect.arrayContaining(['fastapi', 'python', 'eks', 'argocd']),
    );
  });

  it('would be refused by the scaffolder validator if broken', async () => {
    const broken = JSON.parse(JSON.stringify(template));
    delete broken.spec.steps;
    await expect(templateEntityV1beta3Validator.check(broken)).rejects.toThrow(
      /must have required property 'steps'/,
    );
    const otherKind = { ...broken, kind: 'Component' };
    await expect(templateEntityV1beta3Validator.check(otherKind)).resolves.toBe(
      false,
    );
  });

  it('runs the steps in the documented order with the agreed inputs', () => {
    const steps = template.spec.steps;
    expect(steps.map(s => s.action)).toEqual([
      'catalog:fetch',
      'catalog:fetch',
      'launchpad:tenancy:check',
      'github:repo:checkAvailable',
      'github:actions:configure',
      'argocd:app:checkAvailable',
      'fetch:template',
      'fastapi:openapi:write',
      'github:repo:create',
      'github:actions:configure',
      'github:repo:push',
      'catalog:register',
      'argocd:app:create',
      'argocd:app:wait',
      'notification:send',
      'debug:log',
      'notification:send',
    ]);
    const step = (id: string) => {
      const found = steps.find(s => s.id === id);
      if (!found) throw new Error(`no step ${id}`);
      return found;
    };
    // The checks read the same values the creating steps use.
    expect(step('check-owner').input).toMatchObject({
      entityRef: '${{ parameters.owner }}',
      defaultKind: 'Group',
    });
    expect(step('check-system').input).toMatchObject({
      entityRef: '${{ parameters.system }}',
      defaultKind: 'System',
    });
    expect(step('check-repo').input).toEqual({
      repoUrl: '${{ parameters.repoUrl }}',
    });
    expect(step('create-repo').input!.repoUrl).toBe(
      '${{ parameters.repoUrl }}',
    );
    expect(step('publish').input!.repoUrl).toBe('${{ parameters.repoUrl }}');
    // The CI settings come from the portal's config: the template names only
    // the repository (checked before anything is created, set on the empty
    // repository before the first push, so the first CI run has them).
    expect(step('check-ci-settings').input).toEqual({
      repoUrl: '${{ parameters.repoUrl }}',
      checkOnly: true,
    });
    expect(step('ci-settings').input).toEqual({
      repoUrl: '${{ parameters.repoUrl }}',
    });
    // "Next steps" says what happens next, not what to set by hand.
    const nextSteps = JSON.stringify(template.spec.output!.text);
    expect(nextSteps).toContain('nothing to do by hand');
    expect(nextSteps).not.toMatch(/Settings → Variables|등록하세요/);
    // The tenancy check reads the form; everything after it uses its
    // outputs (derived from the owner and checked on the server), never the
    // form's free text for project, cluster, namespace or ingress.
    expect(step('check-tenancy').input).toEqual({
      owner: '${{ parameters.owner }}',
      namespace: '${{ parameters.namespace }}',
      cluster: '${{ parameters.cluster }}',
      project: '${{ parameters.argocdProject }}',
      serviceName: '${{ parameters.name }}',
      ingressHost: '${{ parameters.ingressHost }}',
      ingressScheme: '${{ parameters.ingressScheme }}',
    });
    const tenancy = (field: string) =>
      `\${{ steps['check-tenancy'].output.${field} }}`;
    expect(step('check-argocd').input).toEqual({
      appName: '${{ parameters.name }}',
      project: tenancy('project'),
    });
    expect(step('argocd-create').input).toMatchObject({
      appName: '${{ parameters.name }}',
      project: tenancy('project'),
      destinationName: tenancy('cluster'),
      namespace: tenancy('namespace'),
    });
    expect(step('fetch').input!.values).toMatchObject({
      namespace: tenancy('namespace'),
      ingressHost: tenancy('ingressHost'),
      ingressScheme: tenancy('ingressScheme'),
      albGroupName: tenancy('ingressGroupName'),
      certificateArn: tenancy('certificateArn'),
    });
    const afterCheck = steps.slice(
      steps.findIndex(s => s.id === 'check-tenancy') + 1,
    );
    expect(JSON.stringify(afterCheck)).not.toMatch(
      /parameters\.(argocdProject|cluster|namespace|ingressHost|ingressScheme)/,
    );
    // The failure report runs only after a failure.
    expect(step('report-failure').if).toBe('${{ failure() }}');
    // The user who ran it hears about it, success or failure, with a link.
    expect(step('notify').input).toMatchObject({
      recipients: 'entity',
      entityRefs: ['${{ user.ref }}'],
      link: '/catalog/default/component/${{ parameters.name }}',
    });
    expect(step('notify').if).toBeUndefined();
    expect(step('notify-failure').if).toBe('${{ failure() }}');
    expect(step('notify-failure').input).toMatchObject({
      entityRefs: ['${{ user.ref }}'],
      link: '/create/tasks/${{ context.task.id }}',
      severity: 'high',
    });
    expect(step('create-repo').input).toMatchObject({
      repoVisibility: '${{ parameters.visibility }}',
    });
    const ids = steps.map(s => s.id);
    expect(ids.indexOf('create-repo')).toBeLessThan(ids.indexOf('ci-settings'));
    expect(ids.indexOf('ci-settings')).toBeLessThan(ids.indexOf('publish'));
    const publish = step('publish').input!;
    expect(publish).toMatchObject({
      defaultBranch: 'main',
      protectDefaultBranch: true,
    });
    const create = step('argocd-create');
    expect(create.input).toMatchObject({
      appName: '${{ parameters.name }}',
      repoUrl: "${{ steps['publish'].output.remoteUrl }}",
      path: 'deploy/overlays/eks',
      targetRevision: 'main',
      automatedSync: true,
      prune: true,
      selfHeal: true,
      createNamespace: true,
    });
    // Never a hard-coded in-cluster address.
    expect(JSON.stringify(template)).not.toMatch(
      /kubernetes\.default\.svc|destinationServer/,
    );
    expect(step('argocd-wait').if).toBe('${{ parameters.waitForSync }}');
    expect(template.spec.output).toEqual({
      links: expect.arrayContaining([
        expect.objectContaining({
          url: "${{ steps['publish'].output.remoteUrl }}",
        }),
        expect.objectContaining({
          entityRef: "${{ steps['register'].output.entityRef }}",
        }),
        expect.objectContaining({
          url: "${{ steps['argocd-create'].output.url }}",
        }),
      ]),
      text: expect.any(Array),
    });
  });

  it("offers the user's own teams as owners and System entities as systems", () => {
    // The frontend field (packages/app/src/modules/tenancy) lists the teams
    // the server says the user may act for; launchpad:tenancy:check enforces it.
    const owner = pageWith('owner').uiSchema.owner as any;
    expect(owner['ui:field']).toBe('TenantOwnerPicker');
    // The project is derived from the owner: not a field a person fills in.
    const project = pageWith('argocdProject').uiSchema.argocdProject as any;
    expect(project['ui:widget']).toBe('hidden');
    const page3 = pageWith('namespace').schema;
    expect(page3.required).toEqual([
      'namespace',
      'imageRepository',
      'replicas',
    ]);
    expect(page3.properties.argocdProject.default).toBeUndefined();
    expect(page3.properties.cluster.default).toBeUndefined();
    const system = pageWith('system').uiSchema.system as any;
    expect(system['ui:field']).toBe('EntityPicker');
    expect(system['ui:options'].catalogFilter).toEqual({ kind: 'System' });
  });

  it('offers the GitHub hosts the integrations are configured for', () => {
    const repo = pageWith('repoUrl').uiSchema.repoUrl as any;
    expect(repo['ui:field']).toBe('RepoUrlPicker');
    // The picker shows allowedHosts ∩ integrations.github[].host; an empty list shows no host.
    expect(repo['ui:options'].allowedHosts).toEqual([
      'github.com',
      'localhost:3300',
    ]);
  });

  describe('service name rules in the form', () => {
    it.each(['orders-api', 'a', 'svc1', 'payment-gateway-v2', 'a'.repeat(40)])(
      'accepts %p',
      name => {
        expect(formErrors('name', { ...validPage1, name })).toEqual([]);
      },
    );

    it.each([
      ['Orders', 'pattern'],
      ['1orders', 'pattern'],
      ['orders-', 'pattern'],
      ['-orders', 'pattern'],
      ['orders_api', 'pattern'],
      ['orders.api', 'pattern'],
      ['주문', 'pattern'],
      ['', 'pattern'],
      ['a'.repeat(41), 'maxLength'],
    ])('rejects %p (%s) with a clear message', (name, rule) => {
      const errors = formErrors('name', { ...validPage1, name });
      expect(errors.length).toBeGreaterThan(0);
      const [error] = errors;
      expect(error.property).toBe('.name');
      // ajv-errors replaces the raw "must match pattern ..." text with ours.
      expect(error.message).toContain(
        rule === 'maxLength' ? '40' : 'lowercase letters',
      );
      expect(error.message).not.toMatch(/must match pattern/);
    });

    it('requires the owner and the system', () => {
      const errors = formErrors('name', { name: 'orders-api' });
      const missing = errors
        .filter(e => e.name === 'required')
        .map(e => e.params.missingProperty);
      expect(missing).toEqual(
        expect.arrayContaining(['description', 'owner', 'system']),
      );
    });
  });

  describe('deployment page', () => {
    it('accepts an ECR repository, a namespace and 1-10 replicas', () => {
      expect(formErrors('namespace', validPage3)).toEqual([]);
      expect(
        formErrors('namespace', {
          ...validPage3,
          replicas: 10,
          ingressHost: 'orders.apps.example.com',
        }),
      ).toEqual([]);
    });

    it.each([
      ['replicas', 0],
      ['replicas', 11],
      ['namespace', 'Team_Orders'],
      ['imageRepository', 'docker.io/library/python'],
      ['imageRepository', `${validPage3.imageRepository}:latest`],
      ['ingressHost', 'not a host'],
    ])('rejects %s = %p', (field, value) => {
      const errors = formErrors('namespace', { ...validPage3, [field]: value });
      expect(errors.map(e => e.property)).toContain(`.${field}`);
    });
  });
});
