import { XMLBuilder, XMLParser } from "fast-xml-parser";

/** A parsed XML element: text, or an object of children. Repeated children are arrays. */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

const parsers = new Map<string, XMLParser>();

/**
 * Parses an OSS XML document with fast-xml-parser. Values stay strings (callers convert them),
 * namespaces are ignored, entities decoded. `arrays` lists the element paths (`"Root.Child"`)
 * that are always arrays, since OSS does not wrap repeated children: one `<Contents>` is still a
 * list of one.
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
      parseTagValue: false,
      trimValues: true,
      removeNSPrefix: true,
      processEntities: true,
      isArray: (_name, jpath) => set.has(jpath as string),
    });
    parsers.set(id, parser);
  }
  const doc = parser.parse(text, true) as Record<string, XmlNode>;
  const root = Object.keys(doc)[0];
  if (root === undefined) throw new Error("empty XML document");
  return { root, node: doc[root] as XmlNode };
}

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false });

/** Serializes a request body document, escaping text. */
export function buildXml(root: string, content: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: content })}`;
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
