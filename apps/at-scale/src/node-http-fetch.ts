// A `fetch` for the provider SDK on node:http(s) with keep-alive agents. Node's built-in fetch (undici) makes
// per call a Request and its clone (the body teed into two streams), several AbortSignals, a fetch controller
// and a resource-timing entry; a call lasts long enough for them to outlive the young generation, so at
// hundreds of calls a second they fill the old space and V8 grows the heap (see README). This one makes the
// request, the response, and the web stream over the response body.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";

/** Options of {@link nodeHttpFetch}. */
export interface NodeHttpFetchOptions {
  /** Sockets kept per host. Default: 256. */
  readonly maxSockets?: number;
}

function bodyOf(body: BodyInit | null | undefined): string | Uint8Array | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError(
    `nodeHttpFetch sends string and byte bodies only, got ${Object.prototype.toString.call(body)}`,
  );
}

function responseHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

/**
 * A `fetch` for SDKs that take one (`createOpenAI({ fetch })`): string, URL or Request input; string or byte
 * bodies; the init's signal aborts the request and the body stream. No redirects, cookies or caching: an API
 * client needs none.
 */
export function nodeHttpFetch(options: NodeHttpFetchOptions = {}): typeof fetch {
  const maxSockets = options.maxSockets ?? 256;
  const agents = {
    "http:": new HttpAgent({ keepAlive: true, maxSockets }),
    "https:": new HttpsAgent({ keepAlive: true, maxSockets }),
  };
  return async (input, init = {}) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const protocol = url.protocol as keyof typeof agents;
    if (!(protocol in agents)) throw new TypeError(`nodeHttpFetch: unsupported protocol ${url.protocol}`);
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined)).forEach(
      (value, key) => {
        headers[key] = value;
      },
    );
    const body = bodyOf(init.body);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const send = protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = send(
        url,
        { method: init.method ?? "GET", headers, agent: agents[protocol], ...(signal ? { signal } : {}) },
        (message) => {
          const status = message.statusCode ?? 502;
          const empty = status === 204 || status === 304 || init.method === "HEAD";
          if (empty) message.resume();
          resolve(
            new Response(empty ? null : (Readable.toWeb(message) as ReadableStream<Uint8Array>), {
              status,
              statusText: message.statusMessage ?? "",
              headers: responseHeaders(message),
            }),
          );
        },
      );
      outgoing.once("error", (error) => reject(signal?.aborted ? signal.reason : error));
      outgoing.end(body);
    });
  };
}
