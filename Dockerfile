# Launchpad developer portal: container image for the Backstage backend, which
# also serves the frontend through the app plugin.
#
# Build from the repository root (BuildKit is required for the cache mounts):
#
#   docker build -t launchpad-portal:0.1.0 .
#
# Stages:
#   manifests  only the package.json of every workspace, so that the dependency
#              install layer is cached until a manifest or yarn.lock changes
#   build      Node 22 plus python3/g++/make for native addons that build from
#              source (better-sqlite3 13 ships prebuilt binaries and needs none):
#              yarn install --immutable, yarn tsc, yarn build:backend
#   prod-deps  the same toolchain; production dependencies only, installed from
#              the backend's skeleton.tar.gz (the compilers stay in this stage)
#   runtime    the slim image that runs: node_modules + bundle + app-config, as
#              the non-root user `node` (uid 1000)
#
# packages/e2e-tests/src/deploy/dockerfile-runtime.test.ts replays the
# prod-deps and runtime stages without Docker and starts the CMD against a
# real PostgreSQL; keep the RUN lines of those stages plain shell.

# ---------------------------------------------------------------------------
FROM node:22.23.3-bookworm-slim AS manifests

WORKDIR /src
COPY packages packages
COPY plugins plugins
COPY stand-ins stand-ins
COPY templates templates
# Keep only <workspace>/package.json of every workspace.
RUN find packages plugins stand-ins templates -mindepth 2 -maxdepth 2 \
      ! -name package.json -exec rm -rf {} +

# ---------------------------------------------------------------------------
FROM node:22.23.3-bookworm-slim AS build

# The build and prod-deps stages start with the same toolchain layers (Docker
# reuses the cached layers); stages are not used as base images so that every
# FROM names a pinned image.
RUN apt-get update && \
    apt-get install -y --no-install-recommends python3 g++ make && \
    rm -rf /var/lib/apt/lists/*

RUN install -d -o node -g node /app
WORKDIR /app
USER node

COPY --chown=node:node .yarn/releases ./.yarn/releases
COPY --chown=node:node .yarnrc.yml package.json yarn.lock backstage.json ./
COPY --chown=node:node --from=manifests /src ./

RUN --mount=type=cache,target=/home/node/.yarn/berry/cache,sharing=locked,uid=1000,gid=1000 \
    yarn install --immutable

COPY --chown=node:node . .

RUN yarn tsc && yarn build:backend

# ---------------------------------------------------------------------------
FROM node:22.23.3-bookworm-slim AS prod-deps

RUN apt-get update && \
    apt-get install -y --no-install-recommends python3 g++ make && \
    rm -rf /var/lib/apt/lists/*

RUN install -d -o node -g node /app
WORKDIR /app
USER node

COPY --chown=node:node .yarn/releases ./.yarn/releases
COPY --chown=node:node .yarnrc.yml package.json yarn.lock backstage.json ./
COPY --chown=node:node --from=build /app/packages/backend/dist/skeleton.tar.gz ./

RUN tar xzf skeleton.tar.gz && rm skeleton.tar.gz

RUN --mount=type=cache,target=/home/node/.yarn/berry/cache,sharing=locked,uid=1000,gid=1000 \
    yarn workspaces focus --all --production

# ---------------------------------------------------------------------------
FROM node:22.23.3-bookworm-slim AS runtime

LABEL org.opencontainers.image.title="launchpad-portal" \
      org.opencontainers.image.description="Launchpad developer portal (Backstage)" \
      org.opencontainers.image.licenses="Apache-2.0"

ENV NODE_ENV=production

# The FastAPI template's fastapi:openapi:write step imports the rendered app
# to write its OpenAPI document (launchpad.fastapi.python: /usr/bin/python3).
RUN apt-get update && \
    apt-get install -y --no-install-recommends python3 python3-fastapi && \
    rm -rf /var/lib/apt/lists/*

RUN install -d -o node -g node /app
WORKDIR /app
USER node

COPY --chown=node:node --from=prod-deps /app ./
COPY --chown=node:node --from=build /app/packages/backend/dist/bundle.tar.gz ./

RUN tar xzf bundle.tar.gz && rm bundle.tar.gz

# The V8 heap is capped so the pod's memory stays under 450 MB with a 10,000
# entity catalog (without a cap V8 grows the heap long before it collects);
# raise it with the Deployment's NODE_OPTIONS for a much larger catalog.
# Node.js's compile cache is filled here, at build time, so a new pod does not
# compile every module again (about 2 s of start-up; relative to WORKDIR /app,
# read-only at run time). Both measured in packages/benchmarks/README.md.
ENV NODE_OPTIONS=--max-old-space-size=300 \
    NODE_COMPILE_CACHE=.node-compile-cache
# instrumentation.cjs starts OpenTelemetry before the backend (the CMD's
# --require): Prometheus metrics on port 9464, never on the public 7007.
COPY --chown=node:node packages/backend/warm-compile-cache.cjs packages/backend/instrumentation.cjs packages/backend/write-config-schema.cjs ./packages/backend/
RUN node packages/backend/warm-compile-cache.cjs
# Where the config schemas put secrets, which the root logger reads to redact
# them, collected here once instead of at every start (write-config-schema.cjs
# says how).
RUN node packages/backend/write-config-schema.cjs

# app-config.production.github-app.yaml and app-config.production.repository-ci.yaml
# are only read when the pod adds them with --config: deploy/ always adds the
# repository CI settings (deploy/base/deployment.yaml), the GitHub App file when
# enabled (deploy/overlays/eks/deployment-github-app.yaml).
COPY --chown=node:node app-config.yaml app-config.production.yaml app-config.production.github-app.yaml app-config.production.repository-ci.yaml ./

# Catalog data that app-config.production.yaml reads from files: the portal's
# own entity and the software templates (template.yaml + skeleton/; their
# TypeScript tests and workspace manifests are not needed at run time).
COPY --chown=node:node catalog-info.yaml ./
COPY --chown=node:node templates ./templates
RUN rm -rf templates/*/src templates/*/package.json

# 7007: the portal (frontend and API); 9464: Prometheus metrics, for the
# scraper only (deploy/base/networkpolicy.yaml).
EXPOSE 7007 9464

HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7007/.backstage/health/v1/liveness').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "--require", "./packages/backend/instrumentation.cjs", "packages/backend", "--config", "app-config.yaml", "--config", "app-config.production.yaml"]
