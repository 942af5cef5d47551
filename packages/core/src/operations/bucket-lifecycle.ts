import { type Operation, type OperationResult, resultBase } from "../operation";
import { fail, integer, oneOf } from "../validate";
import { bool, child, children, date, int, parseXml, text, type XmlNode } from "../xml";
import {
  type BucketInput,
  checkBucketInput,
  optionalArray,
  optionalBoolean,
  optionalObject,
  optionalString,
  optionalText,
  utf8Length,
  xmlRequest,
} from "./bucket-common";

/** At most this many lifecycle rules per bucket. */
export const MAX_LIFECYCLE_RULES = 1000;

/** Storage classes a lifecycle rule can move objects to. */
export const LIFECYCLE_STORAGE_CLASSES = [
  "IA",
  "Archive",
  "ColdArchive",
  "DeepColdArchive",
] as const;

/** A storage class a lifecycle rule can move objects to. */
export type LifecycleStorageClass = (typeof LIFECYCLE_STORAGE_CLASSES)[number];

/**
 * When current objects expire: `days` after their last modification, or (for objects last
 * modified before) `createdBeforeDate`; or, in versioned buckets, `expiredObjectDeleteMarker`
 * to remove delete markers left without versions. Dates are UTC midnights.
 */
export interface LifecycleExpiration {
  days?: number | undefined;
  createdBeforeDate?: Date | undefined;
  /** A fixed date on which matching objects expire (older form; prefer the others). */
  date?: Date | undefined;
  /** Remove expired delete markers (not together with `days`/`date`/`createdBeforeDate`). */
  expiredObjectDeleteMarker?: boolean | undefined;
}

/** Access-time options of a transition (needs access tracking on the bucket). */
export interface LifecycleAccessTimeOptions {
  /** Count `days` from the last access instead of the last modification. */
  isAccessTime?: boolean | undefined;
  /** With `isAccessTime`: move objects back to Standard when they are read again. */
  returnToStdWhenVisit?: boolean | undefined;
  /** With `isAccessTime`: also move objects smaller than 64 KB. */
  allowSmallFile?: boolean | undefined;
}

/** Moves current objects to a colder storage class, by age or creation date. */
export interface LifecycleTransition extends LifecycleAccessTimeOptions {
  days?: number | undefined;
  createdBeforeDate?: Date | undefined;
  storageClass: LifecycleStorageClass;
}

/** Aborts unfinished multipart uploads, by age or creation date. */
export interface LifecycleAbortMultipartUpload {
  days?: number | undefined;
  createdBeforeDate?: Date | undefined;
}

/** Deletes previous versions this many days after they became noncurrent. */
export interface LifecycleNoncurrentVersionExpiration {
  noncurrentDays: number;
}

/** Moves previous versions to a colder class this many days after they became noncurrent. */
export interface LifecycleNoncurrentVersionTransition extends LifecycleAccessTimeOptions {
  noncurrentDays: number;
  storageClass: LifecycleStorageClass;
}

/** Narrows which objects a rule applies to, beyond its prefix and tags. */
export interface LifecycleFilter {
  /** Only objects larger than this many bytes. */
  objectSizeGreaterThan?: number | undefined;
  /** Only objects smaller than this many bytes. */
  objectSizeLessThan?: number | undefined;
  /** Exclude objects with this prefix (and, if given, this tag). */
  not?: Array<{ prefix: string; tag?: { key: string; value: string } | undefined }> | undefined;
}

/** One lifecycle rule: which objects (prefix, tags, filter) and what happens to them. */
export interface LifecycleRule {
  /** A unique name (at most 255 bytes); OSS makes one up when left out. */
  id?: string | undefined;
  /** Objects whose keys start with this; left out (or `""`) for the whole bucket. */
  prefix?: string | undefined;
  status: "Enabled" | "Disabled";
  /** Only objects with all these tags. */
  tags?: Record<string, string> | undefined;
  filter?: LifecycleFilter | undefined;
  expiration?: LifecycleExpiration | undefined;
  transitions?: LifecycleTransition[] | undefined;
  abortMultipartUpload?: LifecycleAbortMultipartUpload | undefined;
  noncurrentVersionExpiration?: LifecycleNoncurrentVersionExpiration | undefined;
  noncurrentVersionTransitions?: LifecycleNoncurrentVersionTransition[] | undefined;
}

/** A lifecycle rule as {@link GetBucketLifecycle} returns it: lists are always arrays. */
export interface LifecycleRuleInfo extends LifecycleRule {
  tags: Record<string, string>;
  transitions: LifecycleTransition[];
  noncurrentVersionTransitions: LifecycleNoncurrentVersionTransition[];
  /** When access tracking started, for access-time rules. */
  atimeBase: Date | undefined;
}

/** Input of {@link PutBucketLifecycle}. */
export interface PutBucketLifecycleInput {
  bucket: string;
  /** 1 to 1000 rules; they replace the bucket's current ones. */
  rules: LifecycleRule[];
}

/** Result of {@link PutBucketLifecycle}. */
export type PutBucketLifecycleOutput = OperationResult;

type Xml = Record<string, unknown>;

const str = (value: number | boolean | undefined) =>
  value === undefined ? undefined : String(value);

function utcMidnight(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    fail(field, "must be a valid Date");
  const iso = value.toISOString();
  if (!iso.endsWith("T00:00:00.000Z")) fail(field, "must be a UTC midnight (YYYY-MM-DDT00:00:00Z)");
  return iso;
}

function section(value: unknown, field: string): Xml | undefined {
  return optionalObject(value, field);
}

/** `days` xor `createdBeforeDate`, as OSS requires of transitions and upload aborts. */
function ageOrDate(obj: Xml, field: string): Xml {
  const days = integer(obj.days, `${field}.days`, 1);
  const before = utcMidnight(obj.createdBeforeDate, `${field}.createdBeforeDate`);
  if ((days === undefined) === (before === undefined)) {
    fail(field, "needs exactly one of days and createdBeforeDate");
  }
  return { Days: str(days), CreatedBeforeDate: before };
}

function storageClass(value: unknown, field: string): string {
  if (value === undefined) {
    fail(field, `is required: one of ${LIFECYCLE_STORAGE_CLASSES.join(", ")}`);
  }
  return oneOf(value, field, LIFECYCLE_STORAGE_CLASSES) as string;
}

function accessTimeXml(obj: Xml, field: string): Xml {
  return {
    IsAccessTime: str(optionalBoolean(obj.isAccessTime, `${field}.isAccessTime`)),
    ReturnToStdWhenVisit: str(
      optionalBoolean(obj.returnToStdWhenVisit, `${field}.returnToStdWhenVisit`),
    ),
    AllowSmallFile: str(optionalBoolean(obj.allowSmallFile, `${field}.allowSmallFile`)),
  };
}

function objectTagsXml(value: unknown, field: string): Xml[] | undefined {
  const tags = optionalObject(value, field);
  if (tags === undefined) return undefined;
  return Object.entries(tags).map(([key, v]) => tagXml(key, v, `${field}.${key}`));
}

function tagXml(key: unknown, value: unknown, field: string): Xml {
  if (typeof key !== "string" || key.length === 0 || key.length > 128) {
    fail(field, "tag keys are 1 to 128 characters");
  }
  if (typeof value !== "string") fail(field, "tag values must be strings");
  if (value.length > 256) fail(field, "tag values are at most 256 characters");
  return { Key: key, Value: value };
}

function filterXml(value: unknown, field: string): Xml | undefined {
  const filter = section(value, field);
  if (filter === undefined) return undefined;
  const greater = integer(filter.objectSizeGreaterThan, `${field}.objectSizeGreaterThan`, 0);
  const less = integer(filter.objectSizeLessThan, `${field}.objectSizeLessThan`, 1);
  if (greater !== undefined && less !== undefined && greater >= less) {
    fail(`${field}.objectSizeLessThan`, "must be greater than objectSizeGreaterThan");
  }
  const not = optionalArray(filter.not, `${field}.not`)?.map((item, i) => {
    const f = `${field}.not[${i}]`;
    const entry = section(item, f) ?? fail(f, "must be an object");
    const prefix = optionalString(entry.prefix, `${f}.prefix`);
    if (prefix === undefined) fail(`${f}.prefix`, "is required");
    const tag = section(entry.tag, `${f}.tag`);
    return {
      Prefix: prefix,
      Tag: tag === undefined ? undefined : tagXml(tag.key, tag.value, `${f}.tag`),
    };
  });
  if (greater === undefined && less === undefined && !not?.length) return undefined;
  return { Not: not, ObjectSizeGreaterThan: str(greater), ObjectSizeLessThan: str(less) };
}

function expirationXml(value: unknown, field: string): Xml | undefined {
  const exp = section(value, field);
  if (exp === undefined) return undefined;
  const days = integer(exp.days, `${field}.days`, 1);
  const on = utcMidnight(exp.date, `${field}.date`);
  const before = utcMidnight(exp.createdBeforeDate, `${field}.createdBeforeDate`);
  const marker = optionalBoolean(
    exp.expiredObjectDeleteMarker,
    `${field}.expiredObjectDeleteMarker`,
  );
  const when = [days, on, before].filter((v) => v !== undefined).length;
  if (when > 1) fail(field, "takes only one of days, date and createdBeforeDate");
  if (marker === true && when > 0) {
    fail(
      `${field}.expiredObjectDeleteMarker`,
      "cannot be combined with days, date or createdBeforeDate",
    );
  }
  if (when === 0 && marker !== true) {
    fail(field, "needs days, date, createdBeforeDate or expiredObjectDeleteMarker: true");
  }
  return {
    Days: str(days),
    Date: on,
    CreatedBeforeDate: before,
    ExpiredObjectDeleteMarker: str(marker),
  };
}

function ruleXml(value: unknown, field: string): Xml {
  const rule = section(value, field) ?? fail(field, "must be an object");
  const id = optionalString(rule.id, `${field}.id`);
  if (id !== undefined && (id === "" || utf8Length(id) > 255)) {
    fail(`${field}.id`, "must be 1 to 255 bytes");
  }
  if (rule.status === undefined) fail(`${field}.status`, "is required: Enabled or Disabled");
  const status = oneOf(rule.status, `${field}.status`, ["Enabled", "Disabled"]);
  const transitions = optionalArray(rule.transitions, `${field}.transitions`)?.map((t, i) => {
    const f = `${field}.transitions[${i}]`;
    const tr = section(t, f) ?? fail(f, "must be an object");
    return {
      ...ageOrDate(tr, f),
      StorageClass: storageClass(tr.storageClass, `${f}.storageClass`),
      ...accessTimeXml(tr, f),
    };
  });
  const abortField = `${field}.abortMultipartUpload`;
  const abort = section(rule.abortMultipartUpload, abortField);
  const nveField = `${field}.noncurrentVersionExpiration`;
  const nve = section(rule.noncurrentVersionExpiration, nveField);
  if (nve !== undefined && nve.noncurrentDays === undefined) {
    fail(`${nveField}.noncurrentDays`, "is required");
  }
  const nvts = optionalArray(
    rule.noncurrentVersionTransitions,
    `${field}.noncurrentVersionTransitions`,
  )?.map((t, i) => {
    const f = `${field}.noncurrentVersionTransitions[${i}]`;
    const tr = section(t, f) ?? fail(f, "must be an object");
    if (tr.noncurrentDays === undefined) fail(`${f}.noncurrentDays`, "is required");
    return {
      NoncurrentDays: str(integer(tr.noncurrentDays, `${f}.noncurrentDays`, 1)),
      StorageClass: storageClass(tr.storageClass, `${f}.storageClass`),
      ...accessTimeXml(tr, f),
    };
  });
  const expiration = expirationXml(rule.expiration, `${field}.expiration`);
  if (
    expiration === undefined &&
    !transitions?.length &&
    abort === undefined &&
    nve === undefined &&
    !nvts?.length
  ) {
    fail(
      field,
      "needs an action: expiration, transitions, abortMultipartUpload, noncurrentVersionExpiration or noncurrentVersionTransitions",
    );
  }
  return {
    ID: id,
    Prefix: optionalString(rule.prefix, `${field}.prefix`),
    Status: status,
    Filter: filterXml(rule.filter, `${field}.filter`),
    Tag: objectTagsXml(rule.tags, `${field}.tags`),
    Expiration: expiration,
    Transition: transitions,
    AbortMultipartUpload: abort === undefined ? undefined : ageOrDate(abort, abortField),
    NoncurrentVersionExpiration:
      nve === undefined
        ? undefined
        : { NoncurrentDays: str(integer(nve.noncurrentDays, `${nveField}.noncurrentDays`, 1)) },
    NoncurrentVersionTransition: nvts,
  };
}

/**
 * PutBucketLifecycle: replaces a bucket's lifecycle rules (`PUT /?lifecycle`). Rules that mix
 * `days` and `createdBeforeDate` across expiration and transitions are refused by OSS
 * (`InvalidRequest`).
 */
export const PutBucketLifecycle: Operation<PutBucketLifecycleInput, PutBucketLifecycleOutput> = {
  name: "PutBucketLifecycle",
  serialize(input) {
    checkBucketInput(input, "PutBucketLifecycle");
    const rules = optionalArray(input.rules, "rules");
    if (rules === undefined || rules.length === 0) {
      fail("rules", "must list at least one rule (use DeleteBucketLifecycle to remove them all)");
    }
    if (rules.length > MAX_LIFECYCLE_RULES) fail("rules", `at most ${MAX_LIFECYCLE_RULES} rules`);
    const ids = new Set<string>();
    const xmlRules = rules.map((rule, i) => {
      const xml = ruleXml(rule, `rules[${i}]`);
      if (typeof xml.ID === "string") {
        if (ids.has(xml.ID)) fail(`rules[${i}].id`, `"${xml.ID}" is used by another rule`);
        ids.add(xml.ID);
      }
      return xml;
    });
    const xml = xmlRequest("LifecycleConfiguration", { Rule: xmlRules });
    return {
      method: "PUT",
      bucket: input.bucket,
      query: { lifecycle: "" },
      headers: xml.headers,
      body: xml.body,
      subResources: ["lifecycle"],
    };
  },
  parse: (response) => resultBase(response),
};

/** Input of {@link GetBucketLifecycle}. */
export type GetBucketLifecycleInput = BucketInput;

/** Result of {@link GetBucketLifecycle}. */
export interface GetBucketLifecycleOutput extends OperationResult {
  readonly rules: LifecycleRuleInfo[];
}

const ARRAYS = [
  "LifecycleConfiguration.Rule",
  "LifecycleConfiguration.Rule.Tag",
  "LifecycleConfiguration.Rule.Transition",
  "LifecycleConfiguration.Rule.NoncurrentVersionTransition",
  "LifecycleConfiguration.Rule.Filter.Not",
];

function accessTimeOf(node: XmlNode): LifecycleAccessTimeOptions {
  return {
    isAccessTime: bool(node, "IsAccessTime"),
    returnToStdWhenVisit: bool(node, "ReturnToStdWhenVisit"),
    allowSmallFile: bool(node, "AllowSmallFile"),
  };
}

function tagOf(node: XmlNode): { key: string; value: string } {
  return { key: text(node, "Key") ?? "", value: text(node, "Value") ?? "" };
}

function ruleOf(node: XmlNode): LifecycleRuleInfo {
  const exp = child(node, "Expiration");
  const filter = child(node, "Filter");
  const abort = child(node, "AbortMultipartUpload");
  const nve = child(node, "NoncurrentVersionExpiration");
  const atime = int(node, "AtimeBase");
  return {
    id: optionalText(node, "ID"),
    prefix: text(node, "Prefix"),
    status: (text(node, "Status") ?? "Disabled") as LifecycleRule["status"],
    tags: Object.fromEntries(children(node, "Tag").map((t) => [tagOf(t).key, tagOf(t).value])),
    filter: filter
      ? {
          objectSizeGreaterThan: int(filter, "ObjectSizeGreaterThan"),
          objectSizeLessThan: int(filter, "ObjectSizeLessThan"),
          not: children(filter, "Not").map((n) => {
            const tag = child(n, "Tag");
            return { prefix: text(n, "Prefix") ?? "", tag: tag ? tagOf(tag) : undefined };
          }),
        }
      : undefined,
    expiration: exp
      ? {
          days: int(exp, "Days"),
          date: date(exp, "Date"),
          createdBeforeDate: date(exp, "CreatedBeforeDate"),
          expiredObjectDeleteMarker: bool(exp, "ExpiredObjectDeleteMarker"),
        }
      : undefined,
    transitions: children(node, "Transition").map((t) => ({
      days: int(t, "Days"),
      createdBeforeDate: date(t, "CreatedBeforeDate"),
      storageClass: (text(t, "StorageClass") ?? "") as LifecycleStorageClass,
      ...accessTimeOf(t),
    })),
    abortMultipartUpload: abort
      ? { days: int(abort, "Days"), createdBeforeDate: date(abort, "CreatedBeforeDate") }
      : undefined,
    noncurrentVersionExpiration: nve
      ? { noncurrentDays: int(nve, "NoncurrentDays") ?? 0 }
      : undefined,
    noncurrentVersionTransitions: children(node, "NoncurrentVersionTransition").map((t) => ({
      noncurrentDays: int(t, "NoncurrentDays") ?? 0,
      storageClass: (text(t, "StorageClass") ?? "") as LifecycleStorageClass,
      ...accessTimeOf(t),
    })),
    atimeBase: atime === undefined ? undefined : new Date(atime * 1000),
  };
}

/**
 * GetBucketLifecycle: a bucket's lifecycle rules (`GET /?lifecycle`). A bucket without rules
 * fails with 404 `NoSuchLifecycle`.
 */
export const GetBucketLifecycle: Operation<GetBucketLifecycleInput, GetBucketLifecycleOutput> = {
  name: "GetBucketLifecycle",
  serialize(input) {
    checkBucketInput(input, "GetBucketLifecycle");
    return {
      method: "GET",
      bucket: input.bucket,
      query: { lifecycle: "" },
      subResources: ["lifecycle"],
    };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text(), ARRAYS);
    return { ...resultBase(response), rules: children(node, "Rule").map(ruleOf) };
  },
};

/** Input of {@link DeleteBucketLifecycle}. */
export type DeleteBucketLifecycleInput = BucketInput;
/** Result of {@link DeleteBucketLifecycle}. */
export type DeleteBucketLifecycleOutput = OperationResult;

/** DeleteBucketLifecycle: removes all of a bucket's lifecycle rules (`DELETE /?lifecycle`, 204). */
export const DeleteBucketLifecycle: Operation<
  DeleteBucketLifecycleInput,
  DeleteBucketLifecycleOutput
> = {
  name: "DeleteBucketLifecycle",
  serialize(input) {
    checkBucketInput(input, "DeleteBucketLifecycle");
    return {
      method: "DELETE",
      bucket: input.bucket,
      query: { lifecycle: "" },
      subResources: ["lifecycle"],
    };
  },
  parse: (response) => resultBase(response),
};
