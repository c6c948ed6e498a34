/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * A local, stateful stand-in for GitHub (Enterprise-style URLs) used by the
 * offline sandbox and tests: OAuth web flow, REST v3, the GraphQL queries
 * Backstage sends, and git smart-HTTP.
 *
 * @packageDocumentation
 */
export { createGitHubStandIn, DEFAULT_FIXTURE } from './server';
export type { GitHubStandIn, GitHubStandInOptions } from './server';
export { loadFixture, legacyNodeId } from './fixture';
export type {
  Fixture,
  FixtureOAuthApp,
  FixtureOrganization,
  FixtureRepository,
  FixtureTeam,
  FixtureUser,
} from './fixture';
export type { FaultKind, FaultSpec } from './faults';
export { readEnvOptions } from './env';
export { openStoredSecret } from './actions/settingsStore';
export { signPayload } from './webhooks';
export type {
  WebhookDelivery,
  WebhookDispatcher,
  WebhookOptions,
} from './webhooks';
