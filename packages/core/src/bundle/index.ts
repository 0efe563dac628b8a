export {
  BUNDLE_MAGIC,
  findBundleStart,
  looksLikeBundle,
  parseBundle,
  serializeBundle,
} from './bundle-format.ts';
export { type DetectedKind, detectKind } from './detect-kind.ts';
