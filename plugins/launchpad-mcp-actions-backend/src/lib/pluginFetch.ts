/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** Calls another backend plugin's API as the caller. */
export type PluginFetch = (
  pluginId: string,
  path: string,
  credentials: BackstageCredentials,
  init?: RequestInit,
) => Promise<unknown>;

/**
 * A fetch of another plugin's API on behalf of the caller
 * (`auth.getPluginRequestToken({ onBehalfOf })`): that plugin checks the
 * caller's permissions itself, as it does for the web page. A non-2xx answer
 * becomes a ResponseError carrying the plugin's own error (e.g.
 * NotAllowedError).
 */
export function createPluginFetch(deps: {
  auth: AuthService;
  discovery: DiscoveryService;
}): PluginFetch {
  return async (pluginId, path, credentials, init = {}) => {
    const [baseUrl, { token }] = await Promise.all([
      deps.discovery.getBaseUrl(pluginId),
      deps.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: pluginId,
      }),
    ]);
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    const res = await fetch(`${baseUrl}${path}`, { ...init, headers });
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return res.json();
  };
}
