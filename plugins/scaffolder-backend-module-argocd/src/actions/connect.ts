/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ArgoCdClient,
  ArgoCdInstanceConfig,
  ArgoCdModuleConfig,
  ArgoCdRetryOptions,
  selectArgoCdInstance,
} from '@internal/plugin-argocd-node';

/** The instance an action talks to, its client, and how messages name it. */
export interface ArgoCdTarget {
  instance: ArgoCdInstanceConfig;
  client: ArgoCdClient;
  /** `Argo CD instance "<name>" (<url>)`, for messages. */
  description: string;
}

/**
 * Picks the instance the `instance` input names (the first one when it is
 * empty) and a client for it that logs its retries to the task's log.
 * Throws the errors of `selectArgoCdInstance` before any request.
 */
export function connectToArgoCd(options: {
  config: ArgoCdModuleConfig;
  instanceName?: string;
  retry?: ArgoCdRetryOptions;
  logger: LoggerService;
}): ArgoCdTarget {
  const instance = selectArgoCdInstance(options.config, options.instanceName);
  return {
    instance,
    client: new ArgoCdClient({
      instance,
      retry: options.retry,
      logger: options.logger,
    }),
    description: `Argo CD instance "${instance.name}" (${instance.url})`,
  };
}
