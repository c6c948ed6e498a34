/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  GithubIntegration,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  parseProjectSlug,
} from '@internal/plugin-github-actions-common';

/** The GitHub repository an entity names, and the integration that reaches it. */
export interface EntityRepository {
  owner: string;
  repo: string;
  integration: GithubIntegration;
}

/** URLs of the entity's own locations: where its catalog-info.yaml lives. */
function locationUrls(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  return [ANNOTATION_SOURCE_LOCATION, ANNOTATION_LOCATION].flatMap(key => {
    const value = annotations[key];
    if (!value) return [];
    try {
      const { type, target } = parseLocationRef(value);
      return type === 'url' ? [target] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The repository of `github.com/project-slug`, on the GitHub integration
 * (`integrations.github`) of the host the entity was read from, else
 * github.com.
 */
export function resolveEntityRepository(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): EntityRepository {
  const entityRef = stringifyEntityRef(entity);
  const value =
    entity.metadata.annotations?.[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim();
  if (!value) {
    throw new NotFoundError(
      `${entityRef} has no ${GITHUB_PROJECT_SLUG_ANNOTATION} annotation. Add it to its catalog-info.yaml (owner/repository) to see its GitHub Actions runs.`,
    );
  }
  const slug = parseProjectSlug(value);
  if (!slug) {
    throw new InputError(
      `The ${GITHUB_PROJECT_SLUG_ANNOTATION} annotation of ${entityRef} is '${value}', which is not a GitHub repository; write it as owner/repository, e.g. launchpad-demo/orders-api.`,
    );
  }
  const integration =
    locationUrls(entity)
      .map(url => integrations.github.byUrl(url))
      .find(Boolean) ?? integrations.github.byHost('github.com');
  if (!integration) {
    throw new NotFoundError(
      `No GitHub integration reaches ${slug.owner}/${slug.repo} of ${entityRef}: add its host under integrations.github in app-config.yaml.`,
    );
  }
  return { ...slug, integration };
}
