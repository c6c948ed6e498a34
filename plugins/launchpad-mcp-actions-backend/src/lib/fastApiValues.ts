/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';

/** The zod instance the actions registry hands to a schema. */
type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

/** The template this package runs (templates/fastapi-service). */
export const FASTAPI_TEMPLATE_REF = 'template:default/fastapi-service';

/**
 * The fastapi-service template's parameters, as an action's input schema.
 * The scaffolder validates the values against the template's own schema
 * again (patterns, limits) and the template's steps check tenancy.
 */
export function fastApiServiceInput(z: Zod) {
  return z.object({
    name: z
      .string()
      .describe(
        'Service name: a DNS label (lowercase letters, digits, -), at most 40 characters, e.g. orders-api',
      ),
    description: z.string().describe('What the service does, one sentence'),
    owner: z
      .string()
      .describe(
        'The owning team, e.g. group:default/payments (one of your teams)',
      ),
    system: z
      .string()
      .describe('The system it belongs to, e.g. system:default/payments'),
    namespace: z
      .string()
      .describe(
        'A Kubernetes namespace of the owner team (by default <team> or <team>-*, e.g. payments-orders)',
      ),
    imageRepository: z
      .string()
      .describe(
        'Amazon ECR repository URI without tag, e.g. 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api',
      ),
    repoUrl: z
      .string()
      .describe(
        'Where to create the repository, as host?owner=<org>&repo=<name>, e.g. github.com?owner=example-org&repo=orders-api',
      ),
    visibility: z
      .enum(['private', 'internal', 'public'])
      .optional()
      .describe('Repository visibility (default private)'),
    pythonVersion: z
      .enum(['3.12', '3.11'])
      .optional()
      .describe('Python version (default 3.12)'),
    replicas: z
      .number()
      .int()
      .optional()
      .describe('Replicas, 1 to 10 (default 2)'),
    ingressHost: z
      .string()
      .optional()
      .describe(
        "HTTPS host under the team's domain; default <name>.<team domain>",
      ),
    ingressScheme: z
      .enum(['internal', 'internet-facing'])
      .optional()
      .describe(
        'ALB scheme (default internal; internet-facing only where allowed)',
      ),
    cluster: z
      .string()
      .optional()
      .describe("One of the team's Argo CD clusters; default the team's first"),
    waitForSync: z
      .boolean()
      .optional()
      .describe(
        'Whether the run waits until Argo CD reports Synced and Healthy (default true)',
      ),
  });
}

/** The values the template form fills in by default. */
export function withFormDefaults<T extends object>(input: T) {
  return {
    visibility: 'private',
    pythonVersion: '3.12',
    replicas: 2,
    waitForSync: true,
    ...input,
  };
}
