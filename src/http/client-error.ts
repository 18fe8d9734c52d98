import type { Socket } from 'node:net';
import type { ErrorCode } from '../errors.js';
import { ERROR_STATUS } from '../errors.js';
import { translator } from '../i18n/index.js';

/** Node's parser error codes that have an answer of their own; any other refusal is a 400. */
const PARSER_ERRORS: Partial<Record<string, ErrorCode>> = {
  HPE_HEADER_OVERFLOW: 'headers_too_large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request_timeout',
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * The raw HTTP answer to a request Node's own parser refused (a 20,000-character query, a malformed
 * request line) before the app ever saw it. It keeps the API's error contract, in English since no
 * language can be chosen from a request that could not be read, and closes the connection, which
 * can no longer be trusted to be at a request boundary.
 */
function clientErrorAnswer(err: NodeJS.ErrnoException): string {
  const code = PARSER_ERRORS[err.code ?? ''] ?? 'malformed_request';
  const status = ERROR_STATUS[code];
  const body = JSON.stringify({ error: { code, message: translator('en')(`errors:${code}`) } });
  return (
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** For `server.on('clientError')`: answers when the socket can still carry one, as Node's default does. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket) {
  // A reset connection has no one left to answer (Node's own documented handler does the same).
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorAnswer(err));
}
