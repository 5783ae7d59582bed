// What the HTTP fakes share: a server on a free loopback port that hands each request to the fake with its body
// read, and a close that also ends the requests a fake is holding unanswered.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalHttp {
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

export async function serveLocally(
  handle: (request: IncomingMessage, body: string, response: ServerResponse) => void,
): Promise<LocalHttp> {
  const server = createServer((request, response) => {
    void readBody(request).then((body) => handle(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
