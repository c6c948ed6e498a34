/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { AuditorService, AuthService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ARGOCD_APP_NAME_ANNOTATION } from '@internal/plugin-argocd-common';
import { audited } from '../lib/audit';
import { PluginFetch } from '../lib/pluginFetch';
import { readEntityAs } from '../lib/readEntity';
import { summarizeWorkloads } from '../lib/workloads';
import { getDeploymentStatusExamples } from './getDeploymentStatus.examples';

const KUBERNETES_ANNOTATIONS = [
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-label-selector',
];

function reason(error: unknown): string {
  const e = error as { body?: { error?: { message?: string } } };
  return (
    e?.body?.error?.message ?? (isError(error) ? error.message : String(error))
  );
}

/**
 * `launchpad:get-deployment-status`: a service's Argo CD status with its
 * last deployments and its Kubernetes workloads, read through the argocd and
 * kubernetes backends as the caller (the same answers as the service's page).
 */
export function createGetDeploymentStatusAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
  auditor: AuditorService;
  pluginFetch: PluginFetch;
}) {
  const { actionsRegistry, catalog, auth, auditor, pluginFetch } = options;
  actionsRegistry.register({
    name: 'get-deployment-status',
    title: 'Deployment status of a service',
    description: `Answers "is X healthy, what is deployed?" for a service in the catalog: its Argo CD Application's sync and health status with the last sync and the last deployments (revisions and times), and its Kubernetes workloads per cluster (Deployments with ready/desired replicas and images, pods with readiness and restart counts).
The same data as the service's page in the portal (Argo CD card and Kubernetes tab). A part that cannot be read says why in its "unavailable" field.
Refused (NotAllowedError) for an entity you may not read in the portal.`,
    examples: getDeploymentStatusExamples,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The service, as kind:namespace/name (e.g. component:default/orders-api); kind defaults to component and namespace to default',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          argocd: z
            .object({
              appName: z.string().optional(),
              url: z.string().optional(),
              sync: z.record(z.unknown()).optional(),
              health: z.record(z.unknown()).optional(),
              lastSync: z.record(z.unknown()).nullable().optional(),
              deployments: z.array(z.record(z.unknown())).optional(),
              unavailable: z.string().optional(),
            })
            .describe('Argo CD status, or why it is unavailable'),
          kubernetes: z
            .object({
              clusters: z.array(z.record(z.unknown())),
              unavailable: z.string().optional(),
            })
            .describe('Kubernetes workloads per cluster'),
        }),
    },
    action: async ({ input, credentials }) =>
      audited(
        auditor,
        {
          eventId: 'deployment-status',
          credentials,
          meta: { entityRef: input.entityRef },
        },
        async () => {
          const entity = await readEntityAs(
            { catalog, auth },
            input.entityRef,
            credentials,
          );
          const ref = getCompoundEntityRef(entity);
          const annotations = entity.metadata.annotations ?? {};
          const path = [ref.namespace, ref.kind, ref.name]
            .map(encodeURIComponent)
            .join('/');

          const argocd = annotations[ARGOCD_APP_NAME_ANNOTATION]
            ? pluginFetch('argocd', `/entities/${path}/status`, credentials)
                .then(body => {
                  const s = body as Record<string, any>;
                  return {
                    appName: s.appName,
                    url: s.url,
                    sync: s.sync,
                    health: s.health,
                    lastSync: s.lastSync,
                    deployments: s.history ?? [],
                  };
                })
                .catch(error => ({ unavailable: reason(error) }))
            : Promise.resolve({
                unavailable: `${stringifyEntityRef(
                  entity,
                )} has no ${ARGOCD_APP_NAME_ANNOTATION} annotation, so it has no Argo CD status in the portal`,
              });

          const kubernetes = KUBERNETES_ANNOTATIONS.some(a => annotations[a])
            ? pluginFetch(
                'kubernetes',
                `/services/${encodeURIComponent(ref.name)}`,
                credentials,
                {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({
                    entity: {
                      apiVersion: entity.apiVersion,
                      kind: entity.kind,
                      metadata: {
                        name: ref.name,
                        namespace: ref.namespace,
                      },
                    },
                    auth: {},
                  }),
                },
              )
                .then(body => ({ clusters: summarizeWorkloads(body) }))
                .catch(error => ({ clusters: [], unavailable: reason(error) }))
            : Promise.resolve({
                clusters: [],
                unavailable: `${stringifyEntityRef(
                  entity,
                )} has no ${KUBERNETES_ANNOTATIONS.join(
                  ' or ',
                )} annotation, so the portal shows no Kubernetes workloads for it`,
              });

          return {
            output: {
              entityRef: stringifyEntityRef(entity),
              argocd: await argocd,
              kubernetes: (await kubernetes) as {
                clusters: Record<string, unknown>[];
                unavailable?: string;
              },
            },
          };
        },
      ),
  });
}
