// JSON shapes of the Namespaces API (api-contract §2.10; openapi-2.0 `Namespace`).

/** `Namespace`: open-source Kestra knows only the id. */
export const namespaceJson = (id: string) => ({ id, deleted: false });

/** 0.21 `NamespaceWithDisabled` search item: `disabled` is always true in open source (§2.10). */
export const namespaceSearchItemJson = (id: string) => ({ id, deleted: false, disabled: true });
