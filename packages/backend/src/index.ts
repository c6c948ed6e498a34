/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// The Launchpad backend: wiring only. Behaviour lives in plugins and modules.
import { createBackend } from '@backstage/backend-defaults';
import {
  optionalStaticTokenServiceFactory,
  pluginTokenShapeServiceFactory,
} from '@internal/backend-api-tokens';
import { cachingPermissionsServiceFactory } from '@internal/backend-permission-cache';
import {
  eventsServiceFactory,
  preflight,
  startWithStartupLock,
} from '@internal/backend-env';
import {
  databaseServiceFactory,
  httpRouterServiceFactory,
  rootHttpRouterServiceFactory,
  rootLoggerServiceFactory,
  routeConsoleToJsonLines,
} from '@internal/backend-operability';

// Production logs are JSON lines from the first line on (the config service
// prints before the root logger exists).
if (process.env.NODE_ENV === 'production') {
  routeConsoleToJsonLines();
}

const backend = createBackend();

// Core services: PORTAL_API_TOKEN (read-only) and PORTAL_API_WRITE_TOKEN as
// optional static access tokens (backend.auth.externalAccess); the events
// service (event bus across replicas) with subscriptions that start once the
// backend has started.
backend.add(optionalStaticTokenServiceFactory);
// A static token is not a plugin token: said at once, not after jose failed
// to decode it twice (each request with a static token).
backend.add(pluginTokenShapeServiceFactory);
backend.add(eventsServiceFactory);
// Permissions: a user's conditional decision (what every catalog read asks
// first) is reused for permission.conditionalDecisionCacheSeconds (5 s)
// instead of a round trip to the permission backend per read.
backend.add(cachingPermissionsServiceFactory);
// Operability: one timestamped JSON line per log entry in production (library
// console output included, repeated lines collapsed), 503 with Retry-After
// while the database is unreachable, HTTP and database pool metrics.
backend.add(rootLoggerServiceFactory);
backend.add(rootHttpRouterServiceFactory);
backend.add(httpRouterServiceFactory);
backend.add(databaseServiceFactory);

// Serves the frontend bundle and its config.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Events: on PostgreSQL the events backend keeps an event bus in the
// database, so signals, notifications and catalog events published on one
// replica reach the subscribers on every replica. GitHub webhooks arrive at
// POST /api/events/http/github (signature checked against
// events.modules.github.webhookSecret) and are routed to github.<event>
// topics, which the GitHub catalog providers below subscribe to.
backend.add(import('@backstage/plugin-events-backend'));
// Signed deliveries only, 401 otherwise (our module; README says why).
backend.add(import('@internal/plugin-events-backend-module-github-webhook'));

// Sign-in: GitHub for organization members; guest only outside production
// (the guest provider additionally refuses to run unless NODE_ENV is
// development).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@internal/plugin-auth-backend-module-github-org-provider'));
if (process.env.NODE_ENV !== 'production') {
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
}

// Software catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Catalog files that failed to process, for the platform group's
// "Unprocessed entities" page (permission catalog.entities.unprocessed.*)
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
// GitHub: repositories' catalog-info.yaml (catalog.providers.github) and the
// organization's users and teams (catalog.providers.githubOrg). Both stay
// idle unless configured.
backend.add(import('@backstage/plugin-catalog-backend-module-github'));
backend.add(import('@backstage/plugin-catalog-backend-module-github-org'));

// Software templates
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// A run's workspace (the rendered skeleton) in the scaffolder's database, so
// a run recovered on another replica (scaffolder.taskRecovery) still has it.
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-workspace-database'),
);
// argocd:app:create, argocd:app:wait and argocd:app:checkAvailable
// (argocd.instances in config); argocd:app:create also follows the tenancy
backend.add(import('@internal/plugin-scaffolder-backend-module-argocd'));
// github:repo:checkAvailable: the template's check before it creates anything
backend.add(
  import('@internal/plugin-scaffolder-backend-module-github-preflight'),
);
// Team tenancy (launchpad.tenancy): launchpad:tenancy:check, the template's
// server-side guard, and the teams a user may pick as owner in the form.
backend.add(
  import('@internal/plugin-scaffolder-backend-module-launchpad-tenancy'),
);
backend.add(import('@internal/plugin-launchpad-tenancy-backend'));
// fastapi:openapi:write: the template's API entity gets the app's own OpenAPI
// document (launchpad.fastapi.python runs the rendered app)
backend.add(import('@internal/plugin-scaffolder-backend-module-fastapi'));
// github:actions:configure: the new repository's CI variables and secrets
// from launchpad.repositoryCi (no manual steps after the template)
backend.add(import('@internal/plugin-scaffolder-backend-module-repository-ci'));
// Argo CD status of catalog entities, for the Argo CD card
backend.add(import('@internal/plugin-argocd-backend'));
// The owning team's notification when its Application turns Degraded or a
// sync fails, and when it recovers (argocd.notifications; one per transition)
backend.add(import('@internal/plugin-argocd-backend-module-notifications'));
// GitHub Actions runs of catalog entities, for the CI card and tab
backend.add(import('@internal/plugin-github-actions-backend'));

// AI assistants: the MCP server at /api/mcp-actions/v1 serves the actions
// that backend.actions lets through (catalog reads and Launchpad's own
// launchpad:* actions), each with the caller's permissions and audited.
backend.add(import('@backstage/plugin-mcp-actions-backend'));
backend.add(import('@internal/plugin-launchpad-mcp-actions-backend'));

// TechDocs
backend.add(import('@backstage/plugin-techdocs-backend'));
// Refuses mkdocs.yml hooks, unlisted plugins and Markdown extensions (snippets
// and other file includes), symlinks and docs_dir leading outside the repo, ...
backend.add(import('@internal/plugin-techdocs-backend-module-guard'));

// Permissions: Launchpad's policy, driven by launchpad.access in config
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@internal/plugin-permission-backend-module-launchpad-policy'),
);

// Search: PostgreSQL engine when the database is PostgreSQL, otherwise the
// in-memory engine; catalog and TechDocs collators.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// Kubernetes
backend.add(import('@backstage/plugin-kubernetes-backend'));

// User settings, notifications and signals
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Starts only when it can: while a variable that production config needs is
// missing, or PostgreSQL does not answer, one line says why and readiness
// answers 503 (liveness 200, so no crash loop). Replicas starting together
// take turns, so their database migrations never race.
preflight().then(() => startWithStartupLock(() => backend.start()));
