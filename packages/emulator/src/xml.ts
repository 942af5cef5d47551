import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { faults } from "./errors";

/** A value of an XML document to build: text, number, boolean, nested element or repeated elements. */
export type XmlValue = string | number | boolean | undefined | XmlNode | XmlNode[] | string[];

/** An element's children, in order. */
export interface XmlNode {
  [name: string]: XmlValue;
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: false });

/** Escapes text content: `&`, `<` and `>` only, so quotes stay raw as OSS sends them. */
function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function clean(value: XmlValue): XmlValue {
  if (Array.isArray(value)) return (value as XmlNode[]).map((item) => clean(item) as XmlNode);
  if (value !== null && typeof value === "object") {
    const out: XmlNode = {};
    for (const [name, child] of Object.entries(value)) {
      if (child !== undefined) out[name] = clean(child);
    }
    return out;
  }
  return typeof value === "string" ? escapeText(value) : value;
}

/** Builds an XML document with the declaration OSS sends: `{ Root: { Child: "v" } }`. */
export function buildXml(document: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(clean(document))}`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  htmlEntities: true,
  isArray: (name) => name === "Part" || name === "Object" || name === "Tag",
});

/** Parses a request body; `MalformedXML` (with the given EC) when it is not XML or lacks `root`. */
export function parseXml(text: string, root: string, ec?: string): XmlNode {
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(text, true) as Record<string, unknown>;
  } catch {
    throw faults.malformedXml(ec);
  }
  const node = parsed[root];
  if (node === undefined) throw faults.malformedXml(ec);
  return (typeof node === "object" && node !== null ? node : {}) as XmlNode;
}

/** The text of a child element, or `undefined`. */
export function text(node: unknown, name: string): string | undefined {
  if (node === null || typeof node !== "object") return undefined;
  const value = (node as Record<string, unknown>)[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object") {
    const inner = (value as Record<string, unknown>)["#text"];
    return inner === undefined ? "" : String(inner);
  }
  return String(value);
}

/** Child elements that may repeat. */
export function children(node: unknown, name: string): unknown[] {
  if (node === null || typeof node !== "object") return [];
  const value = (node as Record<string, unknown>)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
