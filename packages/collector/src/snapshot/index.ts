export {
  probeFailure,
  type SnapshotErrorKind,
  type SnapshotOptions,
  type SnapshotResult,
  takeSnapshot,
} from './take-snapshot.ts';
export { COLLECT_SCRIPT_VERSION, renderCollectScript } from './collect-script.ts';
