/** The reason phrase Auth0 puts in the `error` field of an error body, by status code. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errorCode?: string;
}

/**
 * An answer that is an error, shaped the way the Management API shapes it:
 * `{ statusCode, error, message, errorCode }`. Handlers throw it; the server turns it into the response.
 */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly errorCode: string | undefined;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, message: string, errorCode?: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.headers = headers;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = {
      statusCode: this.statusCode,
      error: REASONS[this.statusCode] ?? 'Error',
      message: this.message,
    };
    if (this.errorCode !== undefined) body.errorCode = this.errorCode;
    return body;
  }
}

export const invalidBody = (detail: string): ApiError =>
  new ApiError(400, `Payload validation error: ${detail}`, 'invalid_body');

export const invalidQuery = (detail: string): ApiError =>
  new ApiError(400, `Query validation error: ${detail}`, 'invalid_query_string');

export const badRequest = (message: string, errorCode = 'invalid_body'): ApiError =>
  new ApiError(400, message, errorCode);

export const notFound = (message: string, errorCode = 'inexistent_resource'): ApiError =>
  new ApiError(404, message, errorCode);

export const conflict = (message: string, errorCode = 'conflict'): ApiError =>
  new ApiError(409, message, errorCode);

export const insufficientScope = (scope: string): ApiError =>
  new ApiError(403, `Insufficient scope, expected any of: ${scope}`, 'insufficient_scope');
