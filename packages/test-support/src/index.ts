/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * What the end-to-end tests, the benchmarks, the sandbox and the stand-ins
 * share. Importing it is cheap: PostgreSQL's client and Playwright load only
 * when a function needs them.
 *
 * @packageDocumentation
 */
export { findRepoRoot, repoRoot } from './repoRoot';
export { freePort } from './ports';
export { eventually } from './eventually';
export { startPostgres, type TestPostgres } from './postgres';
export {
  isErrorLine,
  startBackend,
  type BackendProcess,
  type StartBackendOptions,
} from './backend';
export {
  CHROMIUM,
  entityTab,
  launchBrowser,
  screenshotter,
  signInWithGitHub,
} from './browser';
export { requestCookies, statusAndBody } from './http';
export { runGit, type GitAuthor } from './git';
export {
  authorizeForm,
  githubAuthorization,
  revokeGitHubToken,
  signInViaGitHub,
  signInAsMemberOf,
  type AuthorizationResponse,
  type SignedInUser,
} from './signIn';
export {
  copyOperands,
  envAssignments,
  finalStage,
  findStage,
  parseDockerfile,
  type Dockerfile,
  type Instruction,
  type Stage,
} from './dockerfile';
