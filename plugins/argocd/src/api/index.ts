export { argoCdApiRef } from './ArgoCdApi';
export type { ArgoCdApi } from './ArgoCdApi';
export { ArgoCdClient } from './ArgoCdClient';
export type { ArgoCdEntityStatus } from './types';
