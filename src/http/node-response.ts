import { type OutgoingHttpHeaders, type ServerOptions, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, REQUEST_ID_SLOT } from './request-id.js';

/**
 * Node's response with a slot for the request id, which it writes into the headers @hono/node-server
 * hands `writeHead`. Setting the header beforehand (`setHeader`) would send every answer down
 * `writeHead`'s slower merging path, which cost a read-only route about 3% of its throughput
 * (bench `centre_lookup`).
 */
class RequestIdResponse extends ServerResponse {
  [REQUEST_ID_SLOT]: string | undefined = undefined;

  override writeHead(
    statusCode: number,
    reasonOrHeaders?: string | OutgoingHttpHeaders | unknown[],
    maybeHeaders?: OutgoingHttpHeaders | unknown[],
  ): this {
    const id = this[REQUEST_ID_SLOT];
    const reason = typeof reasonOrHeaders === 'string' ? reasonOrHeaders : undefined;
    const headers = reason === undefined ? reasonOrHeaders : maybeHeaders;
    if (id !== undefined && headers && !Array.isArray(headers) && typeof headers === 'object')
      (headers as OutgoingHttpHeaders)[REQUEST_ID_HEADER] = id;
    else if (id !== undefined && !this.hasHeader(REQUEST_ID_HEADER)) this.setHeader(REQUEST_ID_HEADER, id);
    return reason === undefined
      ? super.writeHead(statusCode, headers as OutgoingHttpHeaders)
      : super.writeHead(statusCode, reason, headers as OutgoingHttpHeaders);
  }
}

/** The Node server's options that make its responses carry the request id this way. */
export const requestIdServerOptions: ServerOptions = {
  ServerResponse: RequestIdResponse as unknown as typeof ServerResponse,
};
