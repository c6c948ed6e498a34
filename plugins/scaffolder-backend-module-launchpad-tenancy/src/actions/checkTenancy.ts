/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TenancyService } from '@internal/plugin-launchpad-tenancy-node';
import { examples } from './checkTenancy.examples';

const optionalText = (value: string | undefined) =>
  value?.trim() ? value.trim() : undefined;

/**
 * Creates the `launchpad:tenancy:check` action: the server-side guard a
 * template runs before it creates anything. It has no side effects, so it
 * runs in dry runs too.
 */
export function createTenancyCheckAction(options: { tenancy: TenancyService }) {
  const { tenancy } = options;
  return createTemplateAction({
    id: 'launchpad:tenancy:check',
    description:
      "Checks, before anything is created, that the task's user is a member of the owner team (or of a platform group) and that the Argo CD project, cluster, namespace and ingress stay inside that team's tenancy (launchpad.tenancy). Outputs the values derived from the owner: project, cluster, ingress host, scheme and IngressGroup.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        owner: z =>
          z.string({
            description:
              'The owner team: a Group entity reference, e.g. group:default/payments.',
          }),
        namespace: z =>
          z.string({
            description: 'The Kubernetes namespace the service deploys to.',
          }),
        cluster: z =>
          z
            .string({
              description:
                "The cluster name (as registered in Argo CD). Default: the team's first cluster.",
            })
            .optional(),
        project: z =>
          z
            .string({
              description:
                "The Argo CD project, if the caller names one; it must be the team's. Default: the team's project.",
            })
            .optional(),
        serviceName: z =>
          z
            .string({
              description:
                'The service name. When set, the ingress is checked too and the default host is <serviceName>.<first team domain>.',
            })
            .optional(),
        ingressHost: z =>
          z
            .string({
              description:
                "The ingress host; must be under the team's domains.",
            })
            .optional(),
        ingressScheme: z =>
          z
            .enum(['internal', 'internet-facing'], {
              description:
                'ALB scheme. internet-facing only for teams the config allows it. Default internal.',
            })
            .optional(),
      },
      output: {
        team: z =>
          z.string({ description: 'The owner team (Group reference).' }),
        project: z =>
          z.string({ description: 'The Argo CD project to deploy with.' }),
        cluster: z =>
          z.string({ description: 'The destination cluster name.' }),
        namespace: z => z.string({ description: 'The namespace.' }),
        ingressHost: z =>
          z.string({
            description: 'The ingress host (empty without serviceName).',
          }),
        ingressScheme: z =>
          z.string({ description: 'internal or internet-facing.' }),
        ingressGroupName: z =>
          z.string({
            description: "The team's ALB IngressGroup for the scheme.",
          }),
        certificateArn: z =>
          z.string({
            description:
              "The team's ACM certificate ARN, or empty to let the load balancer controller discover one by host.",
          }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const serviceName = optionalText(input.serviceName);
      const result = await tenancy.authorizeDeployment({
        userRef: ctx.user?.ref,
        owner: input.owner,
        request: {
          namespace: input.namespace,
          cluster: optionalText(input.cluster),
          project: optionalText(input.project),
          ...(serviceName
            ? {
                ingress: {
                  serviceName,
                  host: optionalText(input.ingressHost),
                  scheme: input.ingressScheme,
                },
              }
            : {}),
        },
      });
      ctx.logger.info(
        `${ctx.user?.ref} may deploy for ${
          result.team.group
        }: Argo CD project ${result.project}, cluster ${
          result.cluster
        }, namespace ${result.namespace}${
          result.ingress
            ? `, ${result.ingress.scheme} ingress ${result.ingress.host} in IngressGroup ${result.ingress.groupName}`
            : ''
        }`,
      );
      ctx.output('team', result.team.group);
      ctx.output('project', result.project);
      ctx.output('cluster', result.cluster);
      ctx.output('namespace', result.namespace);
      ctx.output('ingressHost', result.ingress?.host ?? '');
      ctx.output('ingressScheme', result.ingress?.scheme ?? '');
      ctx.output('ingressGroupName', result.ingress?.groupName ?? '');
      ctx.output('certificateArn', result.ingress?.certificateArn ?? '');
    },
  });
}
