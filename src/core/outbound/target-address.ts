// Where Docket may send: a webhook, a Salesforce instance, Slack's API. Their addresses are settings people type,
// so without a rule a Space owner could make the server call its own network (a database, the cloud's metadata
// service at 169.254.169.254) and read the answers in the delivery log. Targets are public and https; only an
// explicit server setting (DOCKET_ALLOW_LOCAL_TARGETS, for development and tests) lifts that.

/** The IPv4 ranges Docket never sends to, with what they are in words. */
const IPV4_BLOCKED: readonly [network: string, bits: number, what: string][] = [
  ["0.0.0.0", 8, "a 'this network' address"],
  ["10.0.0.0", 8, "a private address"],
  ["100.64.0.0", 10, "a shared (carrier-grade NAT) address"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.169.254", 32, "the cloud metadata address"],
  ["169.254.0.0", 16, "a link-local address"],
  ["172.16.0.0", 12, "a private address"],
  ["192.0.0.0", 24, "a reserved (IETF protocol) address"],
  ["192.168.0.0", 16, "a private address"],
  ["198.18.0.0", 15, "a reserved (benchmarking) address"],
  ["224.0.0.0", 4, "a multicast address"],
  ["240.0.0.0", 4, "a reserved address"],
];

/** Four numbers 0–255 from dotted decimal, or null. */
function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : null;
}

/** Eight 16-bit groups from IPv6 text (with "::", a trailing dotted IPv4, brackets, a zone), or null. */
function parseIpv6(text: string): number[] | null {
  let rest = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  // A trailing dotted IPv4 ("::ffff:127.0.0.1") is the last two groups written another way.
  const dotted = /(^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(rest);
  if (dotted?.[2]) {
    const v4 = parseIpv4(dotted[2]);
    if (!v4) return null;
    const hex = (high = 0, low = 0) => ((high << 8) | low).toString(16);
    rest = `${rest.slice(0, dotted.index + (dotted[1] ?? "").length)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`;
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (half: string | undefined) => (half ? half.split(":") : []);
  const head = groupsOf(halves[0]);
  const back = groupsOf(halves[1]);
  if (![...head, ...back].every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  const missing = 8 - head.length - back.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...back].map((group) =>
    Number.parseInt(group, 16),
  );
}

function ipv4Problem(bytes: readonly number[]): string | null {
  const value = bytes.reduce((sum, byte) => sum * 256 + byte, 0);
  if (value === 0xffffffff) return "the broadcast address";
  for (const [network, bits, what] of IPV4_BLOCKED) {
    const base = (parseIpv4(network) ?? []).reduce((sum, byte) => sum * 256 + byte, 0);
    const size = 2 ** (32 - bits);
    if (value >= base && value < base + size) return what;
  }
  return null;
}

/** The IPv4 address in the last 32 bits of an IPv6 one. */
function embeddedIpv4(groups: readonly number[], at = 6): number[] {
  const high = groups[at] ?? 0;
  const low = groups[at + 1] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

function ipv6Problem(groups: readonly number[]): string | null {
  const [first = 0, second = 0] = groups;
  const zerosBefore = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (zerosBefore(8)) return "the unspecified address";
  if (zerosBefore(7) && groups[7] === 1) return "a loopback address";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach an IPv4 address.
  if (zerosBefore(5) && groups[5] === 0xffff) return ipv4Problem(embeddedIpv4(groups));
  if (zerosBefore(6)) return ipv4Problem(embeddedIpv4(groups));
  if (first === 0x64 && second === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) {
    return ipv4Problem(embeddedIpv4(groups));
  }
  // 6to4 (2002:a.b.c.d::/48) carries its IPv4 address right after the prefix.
  if (first === 0x2002) return ipv4Problem(embeddedIpv4(groups, 1));
  if ((first & 0xffc0) === 0xfe80) return "a link-local address";
  if ((first & 0xffc0) === 0xfec0) return "a site-local address";
  if ((first & 0xfe00) === 0xfc00) return "a private (unique local) address";
  if ((first & 0xff00) === 0xff00) return "a multicast address";
  return null;
}

/** Whether text is an IP address (IPv4 dotted, or IPv6 with or without brackets). */
export function isIpAddress(text: string): boolean {
  return parseIpv4(text) !== null || (text.includes(":") && parseIpv6(text) !== null);
}

/**
 * What an address is when Docket must not send to it ("a private address", "the cloud metadata address", …), or
 * null when it is a public address. Text that is no IP address is refused as well.
 */
export function addressProblem(address: string): string | null {
  const v4 = parseIpv4(address);
  if (v4) return ipv4Problem(v4);
  const v6 = address.includes(":") ? parseIpv6(address) : null;
  if (v6) return ipv6Problem(v6);
  return "not an IP address";
}

/** A name every resolver answers with the loopback address. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

/**
 * What is wrong with a URL as a target Docket sends to, from the URL alone ("must use https", "is a loopback
 * address"), or null. A name is not resolved here: the edge resolves it and checks each address with
 * `addressProblem`, when the setting is saved and again when it sends.
 */
export function targetUrlProblem(url: string, allowLocal: boolean): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return "is not a valid URL";
  }
  if (target.protocol !== "https:" && !(allowLocal && target.protocol === "http:")) {
    return allowLocal ? "must be an http(s):// URL" : "must be an https:// URL";
  }
  if (target.username || target.password) return "must not carry a user name or password";
  if (allowLocal) return null;
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (isLocalhostName(host)) return `points at ${host}, a loopback address`;
  if (!isIpAddress(host)) return null;
  const problem = addressProblem(host);
  return problem ? `points at ${host}, ${problem}` : null;
}
