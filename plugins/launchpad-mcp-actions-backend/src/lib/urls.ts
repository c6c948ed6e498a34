/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { CompoundEntityRef } from '@backstage/catalog-model';

/** The portal's own pages for an entity (app.baseUrl + the app's routes). */
export function portalUrls(appBaseUrl: string, ref: CompoundEntityRef) {
  const base = appBaseUrl.replace(/\/+$/, '');
  const path = [ref.namespace, ref.kind.toLocaleLowerCase('en-US'), ref.name]
    .map(encodeURIComponent)
    .join('/');
  return {
    catalogUrl: `${base}/catalog/${path}`,
    docsUrl: `${base}/docs/${path}`,
  };
}
