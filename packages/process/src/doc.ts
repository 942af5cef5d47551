import { type ActionSpec, type CategorySpec, makeOp } from "./spec";
import { Stage } from "./stage";

/** What `doc/convert` produces. `txt` only from Word and PPT documents. */
export type DocTarget = "pdf" | "png" | "jpg" | "txt";

const WORD = ["doc", "docx", "wps", "wpss", "docm", "dotm", "dot", "dotx", "html"];
const PPT = [
  "pptx",
  "ppt",
  "pot",
  "potx",
  "pps",
  "ppsx",
  "dps",
  "dpt",
  "pptm",
  "potm",
  "ppsm",
  "dpss",
];
const EXCEL = ["xls", "xlt", "et", "ett", "xlsx", "xltx", "csv", "xlsb", "xlsm", "xltm", "ets"];

/** A source document format (Word, PPT, Excel or PDF); default: the object's extension. */
export type DocSource =
  | "doc"
  | "docx"
  | "wps"
  | "wpss"
  | "docm"
  | "dotm"
  | "dot"
  | "dotx"
  | "html"
  | "pptx"
  | "ppt"
  | "pot"
  | "potx"
  | "pps"
  | "ppsx"
  | "dps"
  | "dpt"
  | "pptm"
  | "potm"
  | "ppsm"
  | "dpss"
  | "xls"
  | "xlt"
  | "et"
  | "ett"
  | "xlsx"
  | "xltx"
  | "csv"
  | "xlsb"
  | "xlsm"
  | "xltm"
  | "ets"
  | "pdf";

/** Parameters of `doc/convert` (async; needs IMM). */
export interface DocConvertParams {
  /** `target`: the output format. */
  target: DocTarget;
  /** `source`: the input format; default the object's extension. */
  source?: DocSource;
  /** `pages`: a page selection such as `"1,2,4-10"` (plain text; base64-encoded for you). */
  pages?: string;
}

/** Parameters of `doc/snapshot` (sync; needs IMM). */
export interface DocSnapshotParams {
  /** `target`: the image format. */
  target?: "jpg" | "png";
  /** `source`: the input format; default the object's extension. */
  source?: DocSource;
  /** `page`: the page, 1–2000; default the first. */
  page?: number;
}

/** Parameters of `doc/preview` (sync, never piped; needs IMM and a custom domain). */
export interface DocPreviewParams {
  /** `export`: allow exporting. */
  export?: boolean;
  /** `print`: allow printing. */
  print?: boolean;
  /** `copy`: allow copying. */
  copy?: boolean;
  /** Parameters the reference does not document, by wire key. */
  extra?: Readonly<Record<string, string>>;
}

/** Parameters of the `/watermark` sub-clause of `doc/preview`. */
export interface DocWatermarkParams {
  /** `text`: the watermark text (plain text; base64-encoded for you), up to 64 characters. */
  text: string;
  /** `size`: font size, 1–1000 px. */
  size?: number;
  /** `t`: opacity, 0–100. */
  opacity?: number;
  /** `color`: `RRGGBB`. */
  color?: string;
  /** `rotate`: 0–360 degrees. */
  rotate?: number;
  /** `type`: the font name (base64-encoded for you). */
  font?: string;
  /** Parameters the reference does not document, by wire key. */
  extra?: Readonly<Record<string, string>>;
}

/** Parameters of `doc/edit`, whose table the reference does not give. */
export interface DocEditParams {
  /** Parameters by wire key. */
  extra?: Readonly<Record<string, string>>;
}

/** A document action as data. */
export type DocOp =
  | ({ action: "convert" } & DocConvertParams)
  | ({ action: "snapshot" } & DocSnapshotParams)
  | ({ action: "preview" } & DocPreviewParams)
  | ({ action: "watermark" } & DocWatermarkParams)
  | ({ action: "edit" } & DocEditParams);

const flag = (k: string) => ({ k, t: "bool" }) as const;
const open: ActionSpec = { p: {}, open: true, mode: "sync", solo: true };

/** The table of document actions. @internal */
export const docSpec: CategorySpec = /* @__PURE__ */ (() => {
  const sourceParam = { k: "source", t: "enum", e: [...WORD, ...PPT, ...EXCEL, "pdf"] } as const;
  return {
    name: "doc",
    actions: {
      convert: {
        mode: "async",
        modeWarn: true,
        p: {
          target: { k: "target", t: "enum", e: ["pdf", "png", "jpg", "txt"], req: true },
          source: sourceParam,
          pages: { k: "pages", t: "pages" },
        },
        check(op, c) {
          if (
            op.target === "txt" &&
            c.has("source") &&
            !WORD.includes(op.source as string) &&
            !PPT.includes(op.source as string)
          ) {
            c.fail("context", "target", "target txt is only converted from Word and PPT documents");
          }
        },
      },
      snapshot: {
        mode: "sync",
        p: {
          target: { k: "target", t: "enum", e: ["jpg", "png"] },
          source: sourceParam,
          page: { k: "page", t: "int", min: 1, max: 2000 },
        },
      },
      preview: { ...open, p: { export: flag("export"), print: flag("print"), copy: flag("copy") } },
      watermark: {
        mode: "sync",
        open: true,
        after: ["preview"],
        p: {
          text: { k: "text", t: "text", max: 64, req: true },
          size: { k: "size", t: "int", min: 1, max: 1000 },
          opacity: { k: "t", t: "int", min: 0, max: 100 },
          color: { k: "color", t: "hex" },
          rotate: { k: "rotate", t: "int", min: 0, max: 360 },
          font: { k: "type", t: "text", max: 64 },
        },
      },
      edit: open,
    },
  };
})();

/**
 * A stage of document actions (`doc/...`, needs an IMM project bound to the bucket).
 *
 * @example
 * ```ts
 * doc().snapshot({ target: "jpg", source: "docx", page: 2 }).toString();
 * // "doc/snapshot,target_jpg,source_docx,page_2"
 * ```
 */
export class DocStage extends Stage<"doc", DocOp> {
  constructor(ops: readonly DocOp[] = []) {
    super(docSpec, ops);
  }

  /**
   * `convert`: convert to PDF, images (one per page) or text. Async (`asyncProcess`), saved with
   * `saveAs`, whose key may use `{index}`.
   *
   * @example
   * ```ts
   * doc().convert({ target: "pdf", pages: "1,3-5" }).toString(); // "doc/convert,target_pdf,pages_MSwzLTU"
   * ```
   */
  convert(params: DocConvertParams): DocStage {
    return this.add(makeOp("convert", params) as DocOp);
  }

  /** `snapshot`: one page as an image (sync). */
  snapshot(params: DocSnapshotParams = {}): DocStage {
    return this.add(makeOp("snapshot", params) as DocOp);
  }

  /**
   * `preview`: a WebOffice preview page (sync, cannot be piped).
   *
   * @example
   * ```ts
   * doc().preview({ export: true, print: true, copy: true }).watermark({ text: "Hi" }).toString();
   * // "doc/preview,export_1,print_1,copy_1/watermark,text_SGk"
   * ```
   */
  preview(params: DocPreviewParams = {}): DocStage {
    return this.add(makeOp("preview", params) as DocOp);
  }

  /** `/watermark`: a text watermark on the preview; must follow `preview`. */
  watermark(params: DocWatermarkParams): DocStage {
    return this.add(makeOp("watermark", params) as DocOp);
  }

  /** `edit`: a WebOffice editing page (sync, cannot be piped). */
  edit(params: DocEditParams = {}): DocStage {
    return this.add(makeOp("edit", params) as DocOp);
  }
}

/** Starts a document stage. */
export function doc(): DocStage {
  return new DocStage();
}
