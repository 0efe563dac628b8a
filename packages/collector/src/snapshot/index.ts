export {
  probeFailure,
  type SnapshotErrorKind,
  type SnapshotOptions,
  type SnapshotResult,
  takeSnapshot,
} from './take-snapshot.ts';
