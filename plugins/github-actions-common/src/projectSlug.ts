/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * `owner/repo` of the entity's GitHub repository, as the FastAPI template
 * and Backstage's GitHub plugins write it.
 *
 * @public
 */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** @public */
export interface ProjectSlug {
  owner: string;
  repo: string;
}

// GitHub's rules: owner 1-39 of [A-Za-z0-9-] without a leading hyphen,
// repository 1-100 of [A-Za-z0-9._-].
const SLUG = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/;

/**
 * `{ owner, repo }` from an annotation value, or `undefined` when the value
 * is not an `owner/repo` GitHub would accept.
 *
 * @public
 */
export function parseProjectSlug(
  value: string | undefined,
): ProjectSlug | undefined {
  const m = SLUG.exec(value?.trim() ?? '');
  if (!m || m[2] === '.' || m[2] === '..') return undefined;
  return { owner: m[1], repo: m[2] };
}
