import { type LookupAddress, lookup } from "node:dns";
import type { LookupFunction } from "node:net";
import type { Agent } from "undici";
import { addressProblem, isIpAddress, targetUrlProblem } from "../core/outbound/target-address.js";
import { DeliveryError } from "./types.js";

// Every request Docket makes to an address people configured (a webhook, Salesforce, Slack's API) goes through
// here. The rule is the core's (`targetUrlProblem`, `addressProblem`); this is where names are resolved. The
// address a connection is made to is the one checked (the lookup is the connection's own), so a name that
// resolves to a public address when the setting is saved and to 169.254.169.254 later (DNS rebinding) is refused.

/** Why a connection was not made: the target resolved to an address Docket does not send to. */
export class RefusedTargetError extends Error {
  readonly code = "EDOCKETREFUSEDTARGET";
  constructor(message: string) {
    super(message);
    this.name = "RefusedTargetError";
  }
}

function refusal(host: string, address: string, problem: string): RefusedTargetError {
  return new RefusedTargetError(
    host === address ? `${host} is ${problem}` : `${host} resolves to ${address}, ${problem}`,
  );
}

/** Every address a name resolves to. */
function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    lookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

/** A DNS lookup that refuses a name when any of its addresses is one Docket does not send to. */
export const checkedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, "", 0);
      return;
    }
    for (const { address } of addresses) {
      const problem = addressProblem(address);
      if (problem) {
        callback(refusal(hostname, address, problem), "", 0);
        return;
      }
    }
    const first = addresses[0];
    if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    else callback(null, first?.address ?? "", first?.family ?? 4);
  });
};

let checkedUndici: Promise<{ agent: Agent; fetch: typeof import("undici").fetch }> | null = null;

/**
 * undici and the agent that connects only to public addresses (an IP literal is checked here, a name by its
 * lookup): made on the first request, so a server that never sends does not load undici at start-up.
 */
function loadCheckedUndici() {
  checkedUndici ??= import("undici").then(({ Agent, buildConnector, fetch }) => {
    const connectChecked = buildConnector({ lookup: checkedLookup });
    const agent = new Agent({
      connect(options, callback) {
        const host = options.hostname.replace(/^\[|\]$/g, "");
        const problem = isIpAddress(host) ? addressProblem(host) : null;
        if (problem) {
          callback(refusal(host, host, problem), null);
          return;
        }
        connectChecked(options, callback);
      },
    });
    return { agent, fetch };
  });
  return checkedUndici;
}

/**
 * `fetch` for requests to configured targets: https only, to public addresses only (checked on the address each
 * connection is made to, redirects included). With `allowLocalTargets` (DOCKET_ALLOW_LOCAL_TARGETS, development
 * and tests) it is the plain fetch.
 */
export function outboundFetch(allowLocalTargets: boolean): typeof fetch {
  if (allowLocalTargets) return fetch;
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const problem = targetUrlProblem(url, false);
    if (problem)
      throw new DeliveryError(`Docket does not send to ${new URL(url).host}: it ${problem}`, { permanent: true });
    const undici = await loadCheckedUndici();
    try {
      return await undici.fetch(url, { ...(init as object), dispatcher: undici.agent } as Parameters<
        typeof undici.fetch
      >[1]);
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof RefusedTargetError) {
        throw new DeliveryError(`Docket does not send there: ${cause.message}`, { permanent: true, cause });
      }
      throw error;
    }
  }) as typeof fetch;
}

/**
 * Why Docket must not send to `url`, resolving its name; null when it may. For a setting being saved: a name that
 * does not resolve now passes (it is checked again on every connection).
 */
export async function checkTarget(url: string, allowLocalTargets: boolean): Promise<string | null> {
  const problem = targetUrlProblem(url, allowLocalTargets);
  if (problem || allowLocalTargets) return problem;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIpAddress(host)) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    return null;
  }
  for (const { address } of addresses) {
    const found = addressProblem(address);
    if (found) return `points at ${host}, which resolves to ${address}, ${found}`;
  }
  return null;
}
