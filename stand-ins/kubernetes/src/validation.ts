/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Schema validation of built-in kinds with `kubernetes-models` (generated
 * from the Kubernetes OpenAPI), so `apply` rejects manifests the real API
 * server would reject, and tests can check what the stand-in serves.
 */

type ModelClass = new (data: unknown) => { validate(): void };

const cache = new Map<string, ModelClass | null>();

/** The kubernetes-models class for `apiVersion`/`kind`, if it has one. */
export function modelFor(
  apiVersion: string,
  kind: string,
): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!cache.has(key)) {
    let model: ModelClass | null = null;
    if (
      /^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(apiVersion) &&
      /^[A-Za-z]+$/.test(kind)
    ) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        model =
          require(`kubernetes-models/${apiVersion}/${kind}`)[kind] ?? null;
      } catch {
        model = null;
      }
    }
    cache.set(key, model);
  }
  return cache.get(key) ?? undefined;
}

/**
 * Validates an object of a built-in kind. Returns the problem as text, or
 * undefined when it is valid or the kind has no schema (custom resources).
 */
export function validateManifest(object: {
  apiVersion: string;
  kind: string;
}): string | undefined {
  const Model = modelFor(object.apiVersion, object.kind);
  if (!Model) return undefined;
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
