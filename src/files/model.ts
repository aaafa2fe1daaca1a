// Shapes of the Namespace Files API (api-contract §2.9, openapi FileAttributes and
// NamespaceFileRevision). Times are epoch milliseconds.

import { Type, type Static } from '@sinclair/typebox';

export const FileType = Type.Union([Type.Literal('File'), Type.Literal('Directory')]);
export type FileType = Static<typeof FileType>;

export const FileAttributes = Type.Object({
  fileName: Type.String(),
  lastModifiedTime: Type.Integer(),
  creationTime: Type.Integer(),
  type: FileType,
  size: Type.Integer(),
  metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
});
export type FileAttributes = Static<typeof FileAttributes>;

export const NamespaceFileRevision = Type.Object({ revision: Type.Integer() });
export type NamespaceFileRevision = Static<typeof NamespaceFileRevision>;
