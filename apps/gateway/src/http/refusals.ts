import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { GatewayErrorCode } from '../errors.js';

/** A refusal of an HTTP request: status, stable code and a message safe to show. */
export interface HttpRefusal {
  status: number;
  code: string;
  message: string;
}

/** What body-parser (behind `express.json`/`express.raw`) puts on the errors it raises. */
interface BodyParserError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
}

// body-parser's error types: https://github.com/expressjs/body-parser#errors (the texts are ours).
const BODY_REFUSALS: Record<string, HttpRefusal> = {
  'entity.parse.failed': {
    status: 400,
    code: GatewayErrorCode.BAD_REQUEST,
    message: 'the body is not valid JSON (an object or array is expected)',
  },
  'entity.too.large': {
    status: 413,
    code: GatewayErrorCode.PAYLOAD_TOO_LARGE,
    message: 'the body is larger than the limit',
  },
  'entity.verify.failed': {
    status: 400,
    code: GatewayErrorCode.BAD_REQUEST,
    message: 'the body was refused',
  },
  'charset.unsupported': {
    status: 415,
    code: GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'unsupported charset (use utf-8)',
  },
  'encoding.unsupported': {
    status: 415,
    code: GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'unsupported content encoding (use identity, gzip, deflate or br)',
  },
  'request.aborted': { status: 400, code: GatewayErrorCode.BAD_REQUEST, message: 'the request was aborted' },
  'request.size.invalid': {
    status: 400,
    code: GatewayErrorCode.BAD_REQUEST,
    message: 'the body does not match its Content-Length',
  },
  'parameters.too.many': {
    status: 413,
    code: GatewayErrorCode.PAYLOAD_TOO_LARGE,
    message: 'too many parameters',
  },
};

/** The refusal for an error raised before a handler answered: a body-parser error, or an unexpected one (500). */
export function refusalFor(error: unknown): HttpRefusal {
  const { type, status, statusCode } = (
    typeof error === 'object' && error !== null ? error : {}
  ) as BodyParserError;
  const known = typeof type === 'string' ? BODY_REFUSALS[type] : undefined;
  if (known) return known;
  const httpStatus = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 500;
  if (httpStatus >= 400 && httpStatus < 500) {
    return { status: httpStatus, code: GatewayErrorCode.BAD_REQUEST, message: 'the request was refused' };
  }
  return { status: 500, code: GatewayErrorCode.INTERNAL_SERVER_ERROR, message: 'internal error' };
}

/** A refusal in GraphQL's error shape: `{"errors":[{"message","extensions":{"code"}}]}`. */
export function sendGraphQLRefusal(res: Response, refusal: HttpRefusal): void {
  res
    .status(refusal.status)
    .json({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
}

/** A refusal in the webhook route's shape, with the webhook receiver's reasons: `{"error","message"}`. */
export function sendWebhookRefusal(res: Response, refusal: HttpRefusal): void {
  const reason = refusal.status === 413 ? 'too-large' : refusal.status >= 500 ? 'internal' : 'invalid-body';
  res.status(refusal.status).json({ error: reason, message: refusal.message });
}

/** Answers unknown paths with a JSON 404. */
export function notFound(): RequestHandler {
  return (req, res) => {
    sendGraphQLRefusal(res, {
      status: 404,
      code: GatewayErrorCode.NOT_FOUND,
      message: `no route ${req.method} ${req.path}`,
    });
  };
}

/**
 * The last error middleware: every refusal is JSON with a code, logged through pino with the request id and the
 * error's kind but never the error object itself (body-parser puts the raw body on it) nor a stack in the answer.
 */
export function jsonErrors(logger: Logger, webhookPath: string | undefined): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const refusal = refusalFor(error);
    const details = {
      requestId: (req as { id?: string }).id,
      method: req.method,
      path: req.path,
      status: refusal.status,
      code: refusal.code,
      type: (error as BodyParserError | undefined)?.type,
    };
    if (refusal.status >= 500) {
      const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
      logger.error({ ...details, err: { name, message, stack } }, 'request failed');
    } else {
      logger.info(details, 'request refused');
    }
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (webhookPath !== undefined && req.path === webhookPath) sendWebhookRefusal(res, refusal);
    else sendGraphQLRefusal(res, refusal);
  };
}
