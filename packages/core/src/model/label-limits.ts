/**
 * Sizes of what names a node: Kubernetes-sized label keys (253-character prefix, '/',
 * 63-character name), short values, a few dozen labels, DNS-sized node names. Every way in
 * (the API, the command line, an inventory import, an uploaded bundle) checks these, so no
 * input stores megabytes in a field that every fleet page reads.
 */
export const LABEL_LIMITS = { keyChars: 317, valueChars: 256, count: 64 } as const;
export const NODE_NAME_MAX_CHARS = 253;

const LABEL_KEY = /^[^\s\p{Cc}]+$/u;

/** What is wrong with a set of labels, or undefined when nothing is. */
export function labelProblem(labels: Record<string, string>): string | undefined {
  const keys = Object.keys(labels);
  if (keys.length > LABEL_LIMITS.count) return `at most ${LABEL_LIMITS.count} labels (got ${keys.length})`;
  for (const key of keys) {
    if (!key) return 'a label key is not empty';
    if (key.length > LABEL_LIMITS.keyChars)
      return `a label key has at most ${LABEL_LIMITS.keyChars} characters ("${key.slice(0, 40)}…" has ${key.length})`;
    if (!LABEL_KEY.test(key))
      return `a label key has no spaces or control characters ("${key.slice(0, 40)}")`;
    const value = labels[key] ?? '';
    if (value.length > LABEL_LIMITS.valueChars)
      return `a label value has at most ${LABEL_LIMITS.valueChars} characters (${key} has ${value.length})`;
  }
  return undefined;
}

/** What is wrong with a node name's size, or undefined. */
export function nodeNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'a node name is not blank';
  if (name.length > NODE_NAME_MAX_CHARS)
    return `a node name has at most ${NODE_NAME_MAX_CHARS} characters (got ${name.length})`;
  return undefined;
}
