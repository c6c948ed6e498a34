/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * GitHub webhooks into the events backend, refused with 401 unless signed.
 *
 * @packageDocumentation
 */
export {
  default,
  eventsModuleGithubWebhook,
  eventsModuleGithubEventRouter,
} from './module';
export { createSignatureValidator, webhookSecrets } from './signatureValidator';
