import { type OperationFunction, operationFunction } from "./operation";
import {
  AsyncProcessObject,
  type AsyncProcessObjectInput,
  type AsyncProcessObjectOutput,
  ProcessObject,
  type ProcessObjectInput,
  type ProcessObjectOutput,
} from "./operations/process-object";

export {
  AsyncProcessObject,
  type AsyncProcessObjectInput,
  type AsyncProcessObjectOutput,
  type ProcessInput,
  ProcessObject,
  type ProcessObjectInput,
  type ProcessObjectOutput,
  type ProcessOptions,
} from "./operations/process-object";
export {
  type ObjectUrlInput,
  objectUrl,
  type PresignedUrl,
  type PresignOptions,
  presignGetObject,
  presignHeadObject,
  presignPutObject,
} from "./presign";

/** Processes an object and saves the result (`sys/saveas`). See {@link ProcessObject}. */
export const processObject: OperationFunction<ProcessObjectInput, ProcessObjectOutput> =
  /* @__PURE__ */ operationFunction(ProcessObject);
/** Starts an asynchronous processing task. See {@link AsyncProcessObject}. */
export const asyncProcessObject: OperationFunction<
  AsyncProcessObjectInput,
  AsyncProcessObjectOutput
> = /* @__PURE__ */ operationFunction(AsyncProcessObject);
