import { FAULT_HEADER } from "../server/faults/faults.js";
import type { MockServer } from "../server/mock-server.js";
import type { RecordedRequest } from "../server/request-log.js";
import { TAG_HEADER } from "../server/router.js";
import type { FaultInjection, InjectableFault } from "./conformance-options.js";

let counter = 0;

/**
 * The fault injector for weft's mock server: the fault travels in the `x-weft-mock-fault` header and a
 * unique `x-weft-mock-tag` finds the request in the log: the retry checks count the requests carrying it
 * (a retry repeats the tag), and the abort checks ask whether the server saw the client close the
 * connection before the reply ended.
 */
export function mockServerFaultInjector(server: MockServer): (fault: InjectableFault) => FaultInjection {
  return (fault) => {
    const tag = `conformance-${process.pid}-${++counter}`;
    const mine = (request: RecordedRequest) => request.tag === tag;
    return {
      headers: { [FAULT_HEADER]: fault, [TAG_HEADER]: tag },
      requestCount: () => server.requests.filter(mine).length,
      received: () => server.waitForRequest(mine, { settled: false }).then(() => undefined),
      clientClosed: () =>
        server
          .waitForRequest(mine)
          .then(
            (request) =>
              request.outcome === "client_closed" &&
              (!request.stream || request.status === undefined || request.eventsSent < request.eventsPlanned),
          ),
    };
  };
}
