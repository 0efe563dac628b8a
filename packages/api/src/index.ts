export { handleBundleDownload, handleMetrics, handleUpload } from './http/http-handlers.ts';
export { handleTrpc, MAX_TRPC_BODY_BYTES } from './http/trpc-handler.ts';
export {
  UPLOAD_LIMIT_BYTES,
  UploadError,
  type UploadResult,
  uploadBundle,
} from '@nodescope/services/snapshots/upload-bundle';
export { type AppRouter, appRouter } from './router.ts';
export { fleetListOutput } from './routers/fleet.ts';
export { type Context, createContext, MAX_BATCH } from './trpc.ts';
export { callByPath, listProcedures, type ProcedureEntry } from './procedure-list.ts';
export { readCappedBody } from './http/read-capped-body.ts';
