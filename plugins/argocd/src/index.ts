/**
 * Argo CD status card for entity overview pages (new frontend system).
 *
 * @packageDocumentation
 */

export { argoCdPlugin as default, ARGOCD_APP_NAME_ANNOTATION } from './plugin';
export * from './api';
