/**
 * The shared API client: JSON over fetch to /api/v1 on the same origin, the CSRF header on every
 * write, one error type carrying the server's code and both messages, and 401 → the login page.
 */

/** Where the API lives. */
export const API_BASE = '/api/v1';

/** A field-level validation problem, as the server sends in `details` for VALIDATION. */
export type FieldIssue = { path: (string | number)[]; message: string; messageEn?: string };

/** An error answered by the server (or a network failure, code NETWORK, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageEn: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, messageEn: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.messageEn = messageEn;
    this.details = details;
  }
}

/** Query-string values; empty ones are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

type RequestOptions = {
  query?: Query;
  body?: unknown;
  form?: FormData;
  /** Do not treat a 401 as "session over" (the login call itself). */
  allow401?: boolean;
  signal?: AbortSignal;
};

let csrfToken = '';
let unauthorizedHandler: ((err: ApiError) => void) | null = null;

/** Errors that mean "the session cannot go on as it is": signed out, or a duty comes first. */
const SESSION_CODES = new Set(['PASSWORD_CHANGE_REQUIRED', 'TOTP_SETUP_REQUIRED']);
/** 401s that are answers about a credential just typed (wrong password or code), not about the session. */
const CREDENTIAL_CODES = new Set(['BAD_CREDENTIALS', 'SECOND_FACTOR_REQUIRED', 'ACCOUNT_LOCKED']);

/** Remembers the CSRF token from login or /auth/me. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Registers what happens when the server says the session is over (401) or a duty comes first (change password, set up 动态口令). */
export function onUnauthorized(handler: ((err: ApiError) => void) | null): void {
  unauthorizedHandler = handler;
}

/** Builds `?a=1&b=2`, skipping empty values. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: fall through to a generic error
  }
  const e = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (e) {
    const message = typeof e.message === 'string' ? e.message : `请求失败（${res.status}）`;
    const messageEn = typeof e.messageEn === 'string' ? e.messageEn : message;
    return new ApiError(res.status, typeof e.code === 'string' ? e.code : 'HTTP', message, messageEn, e.details);
  }
  return new ApiError(res.status, res.status === 401 ? 'UNAUTHENTICATED' : 'HTTP', `请求失败（${res.status}）`, `Request failed (${res.status})`);
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) {
    body = opts.form;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${toQueryString(opts.query)}`, {
      method, headers, body, credentials: 'same-origin', signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '网络错误，请检查网络后重试', 'Network error, please check the connection');
  }
  if (!res.ok) throw await failed(res, opts.allow401);
  return res;
}

/** The error of a failed response; tells the session handler when the session cannot go on. */
async function failed(res: Response, allow401 = false): Promise<ApiError> {
  const err = await toApiError(res);
  const sessionProblem = (res.status === 401 && !allow401 && !CREDENTIAL_CODES.has(err.code)) || SESSION_CODES.has(err.code);
  if (sessionProblem && unauthorizedHandler) unauthorizedHandler(err);
  return err;
}

/**
 * Uploads a form with XMLHttpRequest, which (unlike fetch) reports how much has been sent:
 * `onProgress` gets the share sent, 0..1. Errors are the same ApiError as every other call.
 */
function uploadWithProgress<T>(path: string, form: FormData, query: Query | undefined, onProgress: (share: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}${toQueryString(query)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '网络错误，请检查网络后重试', 'Network error, please check the connection'));
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((text ? JSON.parse(text) : undefined) as T);
        return;
      }
      const res = new Response(text || null, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'text/plain' } });
      void failed(res).then(reject);
    };
    xhr.send(form);
  });
}

async function json<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** JSON calls to the API; paths are relative to /api/v1. */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => json<T>('GET', path, { query, signal }),
  /** A GET whose 401 is an answer, not a reason to leave the page (asking whether a session exists). */
  probe: <T>(path: string) => json<T>('GET', path, { allow401: true }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => json<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  /** A DELETE; a few take a JSON body saying what to delete. */
  del: <T>(path: string, body?: unknown) => json<T>('DELETE', path, body === undefined ? undefined : { body }),
  upload: <T>(path: string, form: FormData, query?: Query) => json<T>('POST', path, { form, query }),
  /** An upload that reports the share sent (0..1) as it goes. */
  uploadWithProgress,
};

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/** Downloads a file (Excel template or export) and saves it under the server's file name. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
