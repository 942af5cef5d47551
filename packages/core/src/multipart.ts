/**
 * Multipart upload: the operations (Initiate, UploadPart, UploadPartCopy, Complete, Abort,
 * ListParts, ListMultipartUploads), their function forms and paginators, and presigning helpers
 * for the calls a browser may make with a URL handed out by a server.
 *
 * @module
 */
export {
  ListMultipartUploads,
  type ListMultipartUploadsInput,
  type ListMultipartUploadsOutput,
  ListParts,
  type ListPartsInput,
  type ListPartsOutput,
  listMultipartUploads,
  listParts,
  type MultipartUploadSummary,
  type PartSummary,
  paginateListMultipartUploads,
  paginateListParts,
} from "./operations/multipart-list";
export {
  type PresignedCompleteMultipartUpload,
  type PresignedMultipartRequest,
  type PresignLifetimeOptions,
  presignAbortMultipartUpload,
  presignCompleteMultipartUpload,
  presignInitiateMultipartUpload,
  presignUploadPart,
} from "./operations/multipart-presign";
export {
  AbortMultipartUpload,
  type AbortMultipartUploadInput,
  type AbortMultipartUploadOutput,
  abortMultipartUpload,
  type CompletedPart,
  CompleteMultipartUpload,
  type CompleteMultipartUploadInput,
  type CompleteMultipartUploadOutput,
  completeMultipartUpload,
  InitiateMultipartUpload,
  type InitiateMultipartUploadInput,
  type InitiateMultipartUploadOutput,
  initiateMultipartUpload,
  MAX_PART_NUMBER,
  MAX_PART_SIZE,
  type MultipartUploadTarget,
  UploadPart,
  UploadPartCopy,
  type UploadPartCopyInput,
  type UploadPartCopyOutput,
  type UploadPartInput,
  type UploadPartOutput,
  uploadPart,
  uploadPartCopy,
} from "./operations/multipart-upload";
