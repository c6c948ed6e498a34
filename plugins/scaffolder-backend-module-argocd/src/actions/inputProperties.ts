/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { z } from 'zod/v3';

// Inputs the Argo CD actions share, written once (the shape of
// @backstage/plugin-scaffolder-backend-module-github's inputProperties).

/** The `instance` input: which `argocd.instances` entry to talk to. */
export const instance = (zImpl: typeof z) =>
  zImpl
    .string({
      description:
        'Name of the Argo CD instance from argocd.instances in app-config. Defaults to the first configured instance.',
    })
    .optional();
