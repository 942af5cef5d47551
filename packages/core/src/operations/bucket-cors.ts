import { type Operation, type OperationResult, resultBase } from "../operation";
import { fail, integer } from "../validate";
import { bool, children, int, parseXml, type XmlNode } from "../xml";
import {
  type BucketInput,
  checkBucketInput,
  optionalArray,
  optionalBoolean,
  optionalObject,
  xmlRequest,
} from "./bucket-common";

/** The methods a CORS rule may allow. */
export const CORS_METHODS = ["GET", "PUT", "DELETE", "POST", "HEAD"] as const;

/** At most this many CORS rules per bucket. */
export const MAX_CORS_RULES = 10;

/** One CORS rule: which origins may use which methods and headers. */
export interface CorsRule {
  /** Origins, e.g. `https://example.com`; each may hold one `*` (`*` alone allows all). */
  allowedOrigins: string[];
  /** Methods allowed cross-origin. */
  allowedMethods: Array<(typeof CORS_METHODS)[number]>;
  /** Headers the preflight's `Access-Control-Request-Headers` may name; each may hold one `*`. */
  allowedHeaders?: string[] | undefined;
  /** Response headers the browser may read (no `*`). Add `ETag` for browser multipart uploads. */
  exposeHeaders?: string[] | undefined;
  /** How long a browser may cache the preflight, in seconds. */
  maxAgeSeconds?: number | undefined;
}

/** Input of {@link PutBucketCors}. */
export interface PutBucketCorsInput {
  bucket: string;
  /** 1 to 10 rules; they replace the bucket's current ones. */
  rules: CorsRule[];
  /** Whether OSS sends `Vary: Origin`. */
  responseVary?: boolean | undefined;
}

/** Result of {@link PutBucketCors}. */
export type PutBucketCorsOutput = OperationResult;

function strings(
  value: unknown,
  field: string,
  options: { required: boolean; wildcards: 0 | 1 },
): string[] | undefined {
  const list = optionalArray(value, field);
  if (list === undefined || list.length === 0) {
    if (options.required) fail(field, "must list at least one value");
    return undefined;
  }
  return list.map((item, i) => {
    const f = `${field}[${i}]`;
    if (typeof item !== "string" || item === "") fail(f, "must be a non-empty string");
    const stars = item.split("*").length - 1;
    if (stars > options.wildcards) {
      fail(f, options.wildcards === 0 ? "must not hold '*'" : "may hold at most one '*'");
    }
    return item;
  });
}

function corsRuleXml(value: unknown, field: string): Record<string, unknown> {
  const rule = optionalObject(value, field);
  if (rule === undefined) fail(field, "must be an object");
  const methods = strings(rule.allowedMethods, `${field}.allowedMethods`, {
    required: true,
    wildcards: 0,
  }) as string[];
  methods.forEach((m, i) => {
    if (!(CORS_METHODS as readonly string[]).includes(m)) {
      fail(`${field}.allowedMethods[${i}]`, `must be one of ${CORS_METHODS.join(", ")}`);
    }
  });
  const maxAge = integer(rule.maxAgeSeconds, `${field}.maxAgeSeconds`, 0);
  return {
    AllowedOrigin: strings(rule.allowedOrigins, `${field}.allowedOrigins`, {
      required: true,
      wildcards: 1,
    }),
    AllowedMethod: methods,
    AllowedHeader: strings(rule.allowedHeaders, `${field}.allowedHeaders`, {
      required: false,
      wildcards: 1,
    }),
    ExposeHeader: strings(rule.exposeHeaders, `${field}.exposeHeaders`, {
      required: false,
      wildcards: 0,
    }),
    MaxAgeSeconds: maxAge === undefined ? undefined : String(maxAge),
  };
}

/**
 * PutBucketCors: replaces a bucket's CORS rules (`PUT /?cors`). OSS answers a browser's
 * preflight with the first rule that matches its origin, method and headers.
 */
export const PutBucketCors: Operation<PutBucketCorsInput, PutBucketCorsOutput> = {
  name: "PutBucketCors",
  serialize(input) {
    checkBucketInput(input, "PutBucketCors");
    const rules = optionalArray(input.rules, "rules");
    if (rules === undefined || rules.length === 0) {
      fail("rules", "must list at least one rule (use DeleteBucketCors to remove them all)");
    }
    if (rules.length > MAX_CORS_RULES) fail("rules", `at most ${MAX_CORS_RULES} rules`);
    const vary = optionalBoolean(input.responseVary, "responseVary");
    const xml = xmlRequest("CORSConfiguration", {
      CORSRule: rules.map((rule, i) => corsRuleXml(rule, `rules[${i}]`)),
      ResponseVary: vary === undefined ? undefined : String(vary),
    });
    return {
      method: "PUT",
      bucket: input.bucket,
      query: { cors: "" },
      headers: xml.headers,
      body: xml.body,
      subResources: ["cors"],
    };
  },
  parse: (response) => resultBase(response),
};

/** Input of {@link GetBucketCors}. */
export type GetBucketCorsInput = BucketInput;

/** A CORS rule as {@link GetBucketCors} returns it: list fields are always arrays. */
export interface CorsRuleInfo extends CorsRule {
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number | undefined;
}

/** Result of {@link GetBucketCors}. */
export interface GetBucketCorsOutput extends OperationResult {
  /** The rules, in order. */
  readonly rules: CorsRuleInfo[];
  readonly responseVary: boolean | undefined;
}

const ARRAYS = [
  "CORSConfiguration.CORSRule",
  "CORSConfiguration.CORSRule.AllowedOrigin",
  "CORSConfiguration.CORSRule.AllowedMethod",
  "CORSConfiguration.CORSRule.AllowedHeader",
  "CORSConfiguration.CORSRule.ExposeHeader",
];

function texts(node: XmlNode, name: string): string[] {
  return children(node, name).map((c) => (typeof c === "string" ? c : ""));
}

/**
 * GetBucketCors: a bucket's CORS rules (`GET /?cors`). A bucket without rules fails with 404
 * `NoSuchCORSConfiguration`.
 */
export const GetBucketCors: Operation<GetBucketCorsInput, GetBucketCorsOutput> = {
  name: "GetBucketCors",
  serialize(input) {
    checkBucketInput(input, "GetBucketCors");
    return {
      method: "GET",
      bucket: input.bucket,
      query: { cors: "" },
      subResources: ["cors"],
    };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text(), ARRAYS);
    return {
      ...resultBase(response),
      rules: children(node, "CORSRule").map((rule) => ({
        allowedOrigins: texts(rule, "AllowedOrigin"),
        allowedMethods: texts(rule, "AllowedMethod") as CorsRule["allowedMethods"],
        allowedHeaders: texts(rule, "AllowedHeader"),
        exposeHeaders: texts(rule, "ExposeHeader"),
        maxAgeSeconds: int(rule, "MaxAgeSeconds"),
      })),
      responseVary: bool(node, "ResponseVary"),
    };
  },
};

/** Input of {@link DeleteBucketCors}. */
export type DeleteBucketCorsInput = BucketInput;
/** Result of {@link DeleteBucketCors}. */
export type DeleteBucketCorsOutput = OperationResult;

/** DeleteBucketCors: removes all of a bucket's CORS rules (`DELETE /?cors`, 204). */
export const DeleteBucketCors: Operation<DeleteBucketCorsInput, DeleteBucketCorsOutput> = {
  name: "DeleteBucketCors",
  serialize(input) {
    checkBucketInput(input, "DeleteBucketCors");
    return {
      method: "DELETE",
      bucket: input.bucket,
      query: { cors: "" },
      subResources: ["cors"],
    };
  },
  parse: (response) => resultBase(response),
};
