/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

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

/** Picks an instance by name, or the first one when no name is given. */
export function selectInstance(
  config: ArgoCdModuleConfig,
  name: string | undefined,
): ArgoCdInstanceConfig {
  if (config.instances.length === 0) {
    throw new InputError(
      'No Argo CD instance is configured. Add one under argocd.instances in app-config.yaml (name, url, token).',
    );
  }
  if (!name) {
    return config.instances[0];
  }
  const instance = config.instances.find(i => i.name === name);
  if (!instance) {
    throw new InputError(
      `Unknown Argo CD instance "${name}". Configured instances: ${config.instances
        .map(i => i.name)
        .join(', ')}.`,
    );
  }
  return instance;
}
