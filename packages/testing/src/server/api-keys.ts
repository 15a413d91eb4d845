import type { IncomingHttpHeaders } from "node:http";

/** The API key a request carries: `x-api-key`, else the token of `Authorization: Bearer`. */
export function requestApiKey(headers: IncomingHttpHeaders): string | undefined {
  const direct = headers["x-api-key"];
  if (typeof direct === "string" && direct !== "") return direct;
  return /^Bearer\s+(\S+)/i.exec(headers.authorization ?? "")?.[1];
}

/** True when `apiKeys` restricts the keys and the request's key (when it has one) is not among them. */
export function isRefusedKey(headers: IncomingHttpHeaders, apiKeys: readonly string[] | undefined): boolean {
  const key = requestApiKey(headers);
  return apiKeys !== undefined && key !== undefined && !apiKeys.includes(key);
}
