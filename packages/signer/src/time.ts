const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

let lastIsoSecond = Number.NaN;
let lastIso = "";
let lastHttpSecond = Number.NaN;
let lastHttp = "";

/** `yyyyMMdd'T'HHmmss'Z'` in UTC, the V4 `x-oss-date` form: `20231216T162057Z`. */
export function formatIsoBasic(date: Date): string {
  // Requests signed in the same second share the string.
  const second = Math.floor(date.getTime() / 1000);
  if (second === lastIsoSecond) return lastIso;
  lastIsoSecond = second;
  lastIso =
    String(date.getUTCFullYear()).padStart(4, "0") +
    pad2(date.getUTCMonth() + 1) +
    pad2(date.getUTCDate()) +
    "T" +
    pad2(date.getUTCHours()) +
    pad2(date.getUTCMinutes()) +
    pad2(date.getUTCSeconds()) +
    "Z";
  return lastIso;
}

/** RFC 1123 in GMT, the HTTP `Date` form: `Sat, 16 Dec 2023 16:20:57 GMT`. */
export function formatHttpDate(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second === lastHttpSecond) return lastHttp;
  lastHttpSecond = second;
  lastHttp = `${DAYS[date.getUTCDay()]}, ${pad2(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())} GMT`;
  return lastHttp;
}
