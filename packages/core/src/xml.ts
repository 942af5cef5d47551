import { XMLBuilder, XMLParser } from "fast-xml-parser";

/** A parsed XML element: text, or an object of children. Repeated children are arrays. */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

const parsers = new Map<string, XMLParser>();

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Decodes the five XML entities and every numeric character reference, leniently: control
 * characters (`&#x01;`, which XML 1.0 forbids but OSS and the Go SDK use in keys) are kept, not
 * dropped. Unknown or invalid references stay as they are.
 */
export function decodeXmlText(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref] ?? whole;
    const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Parses an OSS XML document with fast-xml-parser. Text is kept exactly (a key `" a "` keeps its
 * spaces) and character references are decoded leniently ({@link decodeXmlText}); values stay
 * strings (callers convert them); namespaces are ignored. `arrays` lists the element paths
 * (`"Root.Child"`) that are always arrays, since OSS does not wrap repeated children: one
 * `<Contents>` is still a list of one. Indentation between child elements is ignored by the
 * readers below, which look only at named children.
 *
 * @returns the root element's content and the root's name.
 */
export function parseXml(
  text: string,
  arrays: readonly string[] = [],
): { root: string; node: XmlNode } {
  const id = arrays.join("|");
  let parser = parsers.get(id);
  if (!parser) {
    const set = new Set(arrays);
    parser = new XMLParser({
      ignoreAttributes: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      parseTagValue: false,
      trimValues: false,
      removeNSPrefix: true,
      processEntities: false,
      tagValueProcessor: (_name, value) => decodeXmlText(value),
      isArray: (_name, jpath) => set.has(jpath as string),
    });
    parsers.set(id, parser);
  }
  const doc = parser.parse(text, true) as Record<string, XmlNode>;
  const root = Object.keys(doc).find((name) => name !== "#text");
  if (root === undefined) throw new Error("empty XML document");
  return { root, node: doc[root] as XmlNode };
}

/**
 * Escapes text for an XML element: `& < > " '` as entities, and every C0 control character
 * (tab, line feed and carriage return included, so they survive parsing unchanged) and DEL as a
 * character reference, as the Go SDK sends them (`&#x1;`).
 */
export function escapeXml(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  return value.replace(/[&<>"'\x00-\x1f\x7f]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      default:
        return `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;
    }
  });
}

let builder: XMLBuilder | undefined;

/**
 * Serializes a request body document with fast-xml-parser's builder, escaping text with
 * {@link escapeXml}. `declaration: false` leaves out `<?xml …?>` (as the Go SDK does for some
 * bodies).
 */
export function buildXml(
  root: string,
  content: unknown,
  options: { declaration?: boolean } = {},
): string {
  // Made on first use, so bundles that never build a document leave the builder out.
  builder ??= new XMLBuilder({
    ignoreAttributes: true,
    format: false,
    suppressEmptyNode: false,
    processEntities: false,
    tagValueProcessor: (_name, value) => escapeXml(String(value)),
  });
  const xml = builder.build({ [root]: content }) as string;
  return options.declaration === false ? xml : `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

/** The text of a child element, or `undefined`. */
export function text(node: XmlNode | XmlNode[] | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === "string" || Array.isArray(node)) return undefined;
  const child = node[name];
  if (child === undefined) return undefined;
  if (typeof child === "string") return child;
  if (Array.isArray(child)) return typeof child[0] === "string" ? child[0] : undefined;
  return "";
}

/** A child element (object), or `undefined`. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (node === undefined || typeof node === "string") return undefined;
  const c = node[name];
  return Array.isArray(c) ? c[0] : c;
}

/** The children with a name, always as an array. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === "string") return [];
  const c = node[name];
  if (c === undefined) return [];
  return Array.isArray(c) ? c : [c];
}

/** Integer text, or `undefined`. */
export function int(node: XmlNode | undefined, name: string): number | undefined {
  const t = text(node, name);
  if (t === undefined || t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Boolean text (`true`/`false`), or `undefined`. */
export function bool(node: XmlNode | undefined, name: string): boolean | undefined {
  const t = text(node, name);
  return t === undefined || t === "" ? undefined : t.toLowerCase() === "true";
}

/** ISO date text, or `undefined`. */
export function date(node: XmlNode | undefined, name: string): Date | undefined {
  const t = text(node, name);
  if (!t) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** An ETag without its surrounding quotes. */
export function unquote(etag: string | undefined): string | undefined {
  return etag === undefined ? undefined : etag.replace(/^"(.*)"$/, "$1");
}
