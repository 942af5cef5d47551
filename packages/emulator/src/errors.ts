/**
 * One OSS error as the emulator answers it: HTTP status, `Code`, `EC`, the message copied from
 * OSS, and the error's extra elements (`Key`, `BucketName`, `UploadId`, ...).
 */
export class OssServiceFault extends Error {
  /** HTTP status. */
  readonly status: number;
  /** The `<Code>`. */
  readonly code: string;
  /** The `<EC>` and `x-oss-ec` value. */
  readonly ec: string;
  /** Extra elements of the error document, in order. */
  readonly extra: Readonly<Record<string, string>>;
  /** Extra response headers (e.g. `x-oss-next-append-position`). */
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @param status - HTTP status.
   * @param code - The `<Code>`.
   * @param message - The `<Message>`, as OSS words it.
   * @param ec - The `<EC>` / `x-oss-ec` value.
   * @param extra - Extra elements of the error document.
   * @param headers - Extra response headers.
   */
  constructor(
    status: number,
    code: string,
    message: string,
    ec: string,
    extra: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "OssServiceFault";
    this.status = status;
    this.code = code;
    this.ec = ec;
    this.extra = extra;
    this.headers = headers;
  }
}

/**
 * The OSS errors the emulator raises, with OSS's statuses, ECs and messages (wire notes §E.3).
 * Where the notes record no EC (`InvalidPart`, `InvalidRange`, `InvalidBucketName`,
 * `MethodNotAllowed`, some `InvalidArgument` causes), the value is a placeholder in the same
 * module family; clients must not branch on EC values anyway.
 */
export const faults = {
  accessDenied: (message = "You have no right to access this object because of bucket acl.") =>
    new OssServiceFault(403, "AccessDenied", message, "0003-00000001"),
  expired: () => new OssServiceFault(403, "AccessDenied", "Request has expired.", "0002-00000069"),
  invalidAccessKeyId: (accessKeyId: string) =>
    new OssServiceFault(
      403,
      "InvalidAccessKeyId",
      "The OSS Access Key Id you provided does not exist in our records.",
      "0002-00000902",
      { OSSAccessKeyId: accessKeyId },
    ),
  signatureDoesNotMatch: (
    accessKeyId: string,
    stringToSign: string,
    provided: string,
    v4: boolean,
  ) =>
    new OssServiceFault(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      v4 ? "0002-00000201" : "0002-00000040",
      {
        OSSAccessKeyId: accessKeyId,
        SignatureProvided: provided,
        StringToSign: stringToSign,
        StringToSignBytes: Array.from(new TextEncoder().encode(stringToSign), (b) =>
          b.toString(16).padStart(2, "0"),
        ).join(" "),
      },
    ),
  requestTimeTooSkewed: (requestTime: Date, serverTime: Date) =>
    new OssServiceFault(
      403,
      "RequestTimeTooSkewed",
      "The difference between the request time and the current time is too large.",
      "0002-00000504",
      {
        MaxAllowedSkewMilliseconds: "900000",
        RequestTime: requestTime.toISOString(),
        ServerTime: serverTime.toISOString(),
      },
    ),
  noSuchBucket: (bucket: string) =>
    new OssServiceFault(
      404,
      "NoSuchBucket",
      "The specified bucket does not exist.",
      "0015-00000101",
      {
        BucketName: bucket,
      },
    ),
  noSuchKey: (key: string) =>
    new OssServiceFault(404, "NoSuchKey", "The specified key does not exist.", "0026-00000001", {
      Key: key,
    }),
  noSuchUpload: (id: string, ec = "0042-00000002") =>
    new OssServiceFault(
      404,
      "NoSuchUpload",
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
      ec,
      { UploadId: id },
    ),
  invalidPart: (id: string, partNumber: number, etag: string) =>
    new OssServiceFault(
      400,
      "InvalidPart",
      "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
      "0042-00000207",
      { UploadId: id, PartNumber: String(partNumber), ETag: etag },
    ),
  invalidPartOrder: () =>
    new OssServiceFault(
      400,
      "InvalidPartOrder",
      "The list of parts was not in ascending order. Parts list must specified in order by part number",
      "0042-00000209",
    ),
  entityTooSmall: () =>
    new OssServiceFault(
      400,
      "EntityTooSmall",
      "Your proposed upload smaller than the minimum allowed size.",
      "0042-00000213",
    ),
  invalidArgument: (message: string, ec: string, name?: string, value?: string) =>
    new OssServiceFault(
      400,
      "InvalidArgument",
      message,
      ec,
      name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? "" },
    ),
  invalidEncoding: (value: string) =>
    faults.invalidArgument(
      "Invalid Encoding Method specified in Request",
      "0017-00000235",
      "encoding-type",
      value,
    ),
  invalidPartNumber: (value: string) =>
    faults.invalidArgument(
      "Part number must be an integer between 1 and 10000, inclusive.",
      "0017-00000220",
      "partNumber",
      value,
    ),
  invalidBucketName: (bucket: string) =>
    new OssServiceFault(
      400,
      "InvalidBucketName",
      "The specified bucket is not valid",
      "0015-00000204",
      {
        BucketName: bucket,
      },
    ),
  invalidObjectName: (message: string, ec: string) =>
    new OssServiceFault(400, "InvalidObjectName", message, ec),
  bucketAlreadyExists: () =>
    new OssServiceFault(
      409,
      "BucketAlreadyExists",
      "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
      "0015-00000104",
    ),
  bucketNotEmpty: (bucket: string) =>
    new OssServiceFault(
      409,
      "BucketNotEmpty",
      "The bucket has objects. Please delete them first.",
      "0015-00000301",
      { BucketName: bucket },
    ),
  positionNotEqualToLength: (length: number) =>
    new OssServiceFault(
      409,
      "PositionNotEqualToLength",
      "Position is not equal to file length",
      "0026-00000016",
      {},
      { "x-oss-next-append-position": String(length) },
    ),
  objectNotAppendable: () =>
    new OssServiceFault(
      409,
      "ObjectNotAppendable",
      "The object is not appendable",
      "0026-00000017",
    ),
  preconditionFailed: (condition: string) =>
    new OssServiceFault(
      412,
      "PreconditionFailed",
      "At least one of the pre-conditions you specified did not hold",
      "0017-00001001",
      { Condition: condition },
    ),
  malformedXml: (ec = "0031-00000001") =>
    new OssServiceFault(
      400,
      "MalformedXML",
      "The XML you provided was not well-formed or did not validate against our published schema.",
      ec,
    ),
  invalidDigest: (ec: string) =>
    new OssServiceFault(400, "InvalidDigest", "The Content-MD5 you specified was invalid", ec),
  missingArgument: (ec = "0016-00000502") =>
    new OssServiceFault(400, "MissingArgument", "Missing Some Required Arguments.", ec),
  fileAlreadyExists: () =>
    new OssServiceFault(
      409,
      "FileAlreadyExists",
      "The object you specified already exists and can not be overwritten",
      "0026-00000002",
    ),
  invalidTargetType: () =>
    new OssServiceFault(
      400,
      "InvalidTargetType",
      "The symbolic's target file type is invalid",
      "0026-00000011",
    ),
  invalidRange: () =>
    new OssServiceFault(
      416,
      "InvalidRange",
      "The requested range cannot be satisfied",
      "0017-00000208",
    ),
  notImplemented: (what: string) =>
    new OssServiceFault(
      501,
      "NotImplemented",
      `The emulator does not implement ${what}.`,
      "0017-00000245",
    ),
  methodNotAllowed: () =>
    new OssServiceFault(
      405,
      "MethodNotAllowed",
      "The specified method is not allowed against this resource.",
      "0031-00000002",
    ),
} as const;
