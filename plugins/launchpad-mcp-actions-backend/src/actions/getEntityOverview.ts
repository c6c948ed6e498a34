/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { AuditorService, AuthService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { audited } from '../lib/audit';
import { readEntityAs } from '../lib/readEntity';
import { portalUrls } from '../lib/urls';
import { getEntityOverviewExamples } from './getEntityOverview.examples';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';
const SOURCE_LOCATION = 'backstage.io/source-location';

function links(entity: Entity | undefined) {
  return (entity?.metadata.links ?? []).map(link => ({
    url: link.url,
    title: link.title,
    type: link.type,
  }));
}

/**
 * `launchpad:get-entity-overview`: who owns an entity, how to reach them,
 * its links and its docs, read with the caller's catalog access.
 */
export function createGetEntityOverviewAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
  auditor: AuditorService;
  appBaseUrl: string;
}) {
  const { actionsRegistry, catalog, auth, auditor, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'get-entity-overview',
    title: 'Owner, links and docs of a catalog entity',
    description: `Answers "who owns X, how do I reach them, where are its docs and links?" for a catalog entity (a service is kind component).
Returns the owner (with the owning team's e-mail and links when you may read the team), the entity's links (runbooks, dashboards, on-call), its TechDocs URL when it has docs, and its page in the portal.
Refused (NotAllowedError) for an entity you may not read in the portal.`,
    examples: getEntityOverviewExamples,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The entity, as kind:namespace/name (e.g. component:default/orders-api); kind defaults to component and namespace to default',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          description: z.string().optional(),
          type: z.string().optional(),
          lifecycle: z.string().optional(),
          system: z.string().optional(),
          owner: z
            .object({
              entityRef: z.string(),
              title: z.string().optional(),
              email: z.string().optional(),
              links: z.array(
                z.object({
                  url: z.string(),
                  title: z.string().optional(),
                  type: z.string().optional(),
                }),
              ),
            })
            .optional(),
          links: z.array(
            z.object({
              url: z.string(),
              title: z.string().optional(),
              type: z.string().optional(),
            }),
          ),
          docsUrl: z.string().optional(),
          sourceUrl: z.string().optional(),
          catalogUrl: z.string(),
        }),
    },
    action: async ({ input, credentials }) =>
      audited(
        auditor,
        {
          eventId: 'entity-overview',
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
          const spec = (entity.spec ?? {}) as Record<string, unknown>;
          const urls = portalUrls(appBaseUrl, ref);

          let owner;
          if (typeof spec.owner === 'string' && spec.owner) {
            const ownerRef = stringifyEntityRef(
              parseEntityRef(spec.owner, {
                defaultKind: 'group',
                defaultNamespace: ref.namespace,
              }),
            );
            // The team is read as the caller too: nothing the caller could
            // not see in the portal.
            const team = await catalog
              .getEntityByRef(ownerRef, { credentials })
              .catch(() => undefined);
            const profile = (team?.spec?.profile ?? {}) as {
              email?: string;
              displayName?: string;
            };
            owner = {
              entityRef: ownerRef,
              title: team?.metadata.title ?? profile.displayName,
              email: profile.email,
              links: links(team),
            };
          }

          const annotations = entity.metadata.annotations ?? {};
          const source = annotations[SOURCE_LOCATION];
          return {
            output: {
              entityRef: stringifyEntityRef(entity),
              title: entity.metadata.title,
              description: entity.metadata.description,
              type: typeof spec.type === 'string' ? spec.type : undefined,
              lifecycle:
                typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
              system: typeof spec.system === 'string' ? spec.system : undefined,
              owner,
              links: links(entity),
              docsUrl: annotations[TECHDOCS_REF] ? urls.docsUrl : undefined,
              sourceUrl: source?.startsWith('url:')
                ? source.slice('url:'.length)
                : undefined,
              catalogUrl: urls.catalogUrl,
            },
          };
        },
      ),
  });
}
