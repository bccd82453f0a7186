// Calls the mea HTTP/JSON gateway of mead (same origin). Every answer that
// is not 2xx becomes an ApiError carrying the HTTP status, the google.rpc
// status name, the message and any BadRequest field violations, so a view
// can show exactly what the server refused and why.
import { token } from '../auth';
import type { FieldViolation } from './types';

export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    message: string,
    readonly violations: FieldViolation[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  // 401/403: the caller must log in, or may not see this.
  get isAuthProblem(): boolean {
    return this.httpStatus === 401 || this.httpStatus === 403;
  }
}

// Query parameters; arrays repeat the key (kinds=A&kinds=B), empty values
// are left out so that the server applies its defaults.
export type Query = Record<string, string | string[] | number | undefined>;

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    const values = Array.isArray(value) ? value : [String(value)];
    for (const one of values) params.append(key, one);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface ErrorBody {
  error?: {
    code?: number;
    status?: string;
    message?: string;
    details?: Array<{
      '@type'?: string;
      field_violations?: FieldViolation[];
      fieldViolations?: FieldViolation[];
    }>;
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page, for example): the status is enough.
  }
  const error = body.error ?? {};
  const violations: FieldViolation[] = [];
  for (const detail of error.details ?? []) {
    violations.push(
      ...(detail.field_violations ?? detail.fieldViolations ?? []),
    );
  }
  return new ApiError(
    response.status,
    error.status ?? String(response.status),
    error.message ?? response.statusText,
    violations,
  );
}

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  query?: Query,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path + queryString(query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (cause) {
    throw new ApiError(0, 'UNAVAILABLE', String(cause), []);
  }
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

export function get<T>(path: string, query?: Query): Promise<T> {
  return call<T>('GET', path, query);
}

export function post<T>(path: string, body: unknown): Promise<T> {
  return call<T>('POST', path, undefined, body);
}

// A path segment from user-controlled text (a case id from the URL).
export function segment(value: string): string {
  return encodeURIComponent(value);
}

// Fetches a file (an export) with the same authorization as the API calls
// and hands it to the browser as a download; a link alone could not carry
// the token.
export async function download(
  path: string,
  query: Query,
  filename: string,
): Promise<void> {
  const headers: Record<string, string> = {};
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response: Response;
  try {
    response = await fetch(path + queryString(query), {
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (cause) {
    throw new ApiError(0, 'UNAVAILABLE', String(cause), []);
  }
  if (!response.ok) throw await toApiError(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
