export {
  BUNDLE_MAGIC,
  findBundleStart,
  looksLikeBundle,
  parseBundle,
  serializeBundle,
} from './bundle-format.ts';
