// Kestra's rule for a namespace id (the `namespace` of Flow, Namespace, TestSuite...:
// `@Pattern("^[a-z0-9][a-z0-9._-]*") @Size(min = 1, max = 150)`), shared by flow validation and
// the APIs that create namespace-scoped data (namespace files, KV). Kestra itself checks it only
// on those entities; applying it to files and KV means no file or key lives in a namespace that
// no flow could have. Kestra's rule admits empty segments (`a..b`, `a.`): the storage layout
// (storage/paths.ts) keeps those apart from `a.b` and `a`.

import { invalidEntity } from './errors.ts';

export const NAMESPACE_ID_PATTERN = '^[a-z0-9][a-z0-9._-]*';
export const NAMESPACE_ID_MAX = 150;

const FULL = new RegExp(`${NAMESPACE_ID_PATTERN}$`);

export interface NamespaceIdViolation { path: 'namespace'; message: string }

/** Bean-validation style violations of Kestra's namespace rule; [] when valid. */
export function namespaceIdViolations(namespace: string): NamespaceIdViolation[] {
  const out: NamespaceIdViolation[] = [];
  if (!FULL.test(namespace)) out.push({ path: 'namespace', message: `must match "${NAMESPACE_ID_PATTERN}"` });
  if (namespace.length < 1 || namespace.length > NAMESPACE_ID_MAX) out.push({ path: 'namespace', message: `size must be between 1 and ${NAMESPACE_ID_MAX}` });
  return out;
}

export const isNamespaceId = (namespace: string) => namespaceIdViolations(namespace).length === 0;

/** The 422 of an API given a namespace that breaks the rule (as a flow with that namespace gets). */
export function requireNamespaceId(namespace: string): void {
  const violations = namespaceIdViolations(namespace);
  if (violations.length) throw invalidEntity(violations);
}
