/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';

/** One Argo CD instance from `argocd.instances[]`. */
export interface ArgoCdInstanceConfig {
  name: string;
  /** API base URL, without trailing slash. */
  url: string;
  token: string;
  /** Web UI base URL, without trailing slash; defaults to `url`. */
  uiUrl: string;
}

/** The module's configuration, read from the `argocd` section. */
export interface ArgoCdModuleConfig {
  instances: ArgoCdInstanceConfig[];
  waitDefaults: { intervalSeconds: number; timeoutSeconds: number };
}

export const DEFAULT_WAIT_INTERVAL_SECONDS = 5;
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 600;

function trimSlash(url: string) {
  return url.replace(/\/+$/, '');
}

/**
 * Reads and checks the `argocd` config section. A missing section is allowed
 * (the actions then explain what to configure); a malformed one throws.
 */
export function readArgoCdConfig(config: Config): ArgoCdModuleConfig {
  const instances = (
    config.getOptionalConfigArray('argocd.instances') ?? []
  ).map(c => {
    const name = c.getString('name');
    const url = trimSlash(c.getString('url'));
    if (!/^https?:\/\//.test(url)) {
      throw new Error(
        `argocd.instances "${name}": url must start with http:// or https://, got "${url}"`,
      );
    }
    return {
      name,
      url,
      token: c.getString('token'),
      uiUrl: trimSlash(c.getOptionalString('uiUrl') ?? url),
    };
  });
  const names = new Set<string>();
  for (const { name } of instances) {
    if (names.has(name)) {
      throw new Error(`argocd.instances: the name "${name}" is used twice`);
    }
    names.add(name);
  }
  return {
    instances,
    waitDefaults: {
      intervalSeconds:
        config.getOptionalNumber('argocd.waitDefaults.intervalSeconds') ??
        DEFAULT_WAIT_INTERVAL_SECONDS,
      timeoutSeconds:
        config.getOptionalNumber('argocd.waitDefaults.timeoutSeconds') ??
        DEFAULT_WAIT_TIMEOUT_SECONDS,
    },
  };
}

/**
 * Picks an instance by name, or the first one when no name is given. The one
 * place both the scaffolder actions and the status card's backend choose an
 * instance:
 *
 * - no instance configured: `ServiceUnavailableError` (Argo CD cannot be
 *   asked until an administrator adds one);
 * - a name no instance has: `NotFoundError`, naming the configured ones.
 *
 * `namedBy` says where the name came from, e.g. `the argocd/instance-name
 * annotation of component:default/shop`, so the message points there.
 */
export function selectArgoCdInstance(
  config: ArgoCdModuleConfig,
  name: string | undefined,
  options: { namedBy?: string } = {},
): ArgoCdInstanceConfig {
  if (config.instances.length === 0) {
    throw new ServiceUnavailableError(
      'Argo CD is unavailable: no Argo CD instance is configured in the portal. An administrator adds one under argocd.instances (name, url, token) in app-config.yaml.',
    );
  }
  if (!name) {
    return config.instances[0];
  }
  const instance = config.instances.find(i => i.name === name);
  if (!instance) {
    const source = options.namedBy ? `, named by ${options.namedBy},` : '';
    throw new NotFoundError(
      `Argo CD instance "${name}"${source} is not configured. Configured instances: ${config.instances
        .map(i => i.name)
        .join(', ')}.`,
    );
  }
  return instance;
}
