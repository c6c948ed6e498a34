/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Scaffolder action `fastapi:openapi:write`: the rendered FastAPI app's own
 * OpenAPI document, for the API entity a template registers.
 *
 * @packageDocumentation
 */

export { scaffolderModuleFastapi as default } from './module';
export { createFastapiOpenApiWriteAction } from './actions/writeOpenApi';
