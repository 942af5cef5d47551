/**
 * Object operations beyond Put/Get/Head/Delete/ListObjectsV2: metadata, batch delete, copy,
 * append, v1 and version listings, ACLs, tags, symbolic links and restore. Each is an
 * operation object (`CopyObject`) and a function (`copyObject(client, input)`).
 *
 * @packageDocumentation
 */

export {
  GetObjectAcl,
  type GetObjectAclInput,
  type GetObjectAclOutput,
  getObjectAcl,
  type ObjectAcl,
  PutObjectAcl,
  type PutObjectAclInput,
  type PutObjectAclOutput,
  putObjectAcl,
} from "./operations/object-acl";
export {
  APPEND_MAX_OBJECT_SIZE,
  AppendObject,
  type AppendObjectInput,
  type AppendObjectOutput,
  appendObject,
  nextAppendPosition,
} from "./operations/object-append";
export {
  CopyObject,
  type CopyObjectInput,
  type CopyObjectOutput,
  copyObject,
  copySourceHeader,
  METADATA_DIRECTIVES,
  TAGGING_DIRECTIVES,
} from "./operations/object-copy";
export {
  DELETE_MULTIPLE_MAX_OBJECTS,
  type DeletedObject,
  DeleteMultipleObjects,
  type DeleteMultipleObjectsInput,
  type DeleteMultipleObjectsOutput,
  deleteMultipleObjects,
  type ObjectIdentifier,
} from "./operations/object-delete-multiple";
export {
  type ListedObject,
  ListObjects,
  type ListObjectsInput,
  type ListObjectsOutput,
  listObjects,
  paginateListObjects,
} from "./operations/object-list-v1";
export {
  GetObjectMeta,
  type GetObjectMetaInput,
  type GetObjectMetaOutput,
  getObjectMeta,
} from "./operations/object-meta";
export {
  RESTORE_TIERS,
  RestoreObject,
  type RestoreObjectInput,
  type RestoreObjectOutput,
  restoreObject,
} from "./operations/object-restore";
export {
  GetSymlink,
  type GetSymlinkInput,
  type GetSymlinkOutput,
  getSymlink,
  PutSymlink,
  type PutSymlinkInput,
  type PutSymlinkOutput,
  putSymlink,
} from "./operations/object-symlink";
export {
  DeleteObjectTagging,
  deleteObjectTagging,
  GetObjectTagging,
  type GetObjectTaggingOutput,
  getObjectTagging,
  type ObjectTaggingInput,
  type ObjectTaggingWriteOutput,
  PutObjectTagging,
  type PutObjectTaggingInput,
  putObjectTagging,
} from "./operations/object-tagging";
export {
  type DeleteMarkerEntry,
  ListObjectVersions,
  type ListObjectVersionsInput,
  type ListObjectVersionsOutput,
  listObjectVersions,
  type ObjectVersion,
  paginateListObjectVersions,
} from "./operations/object-versions";
