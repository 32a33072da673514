/** One error type with stable codes, mapped to HTTP status in one place. */

export const ERROR_CODES = {
  VALIDATION: 400,
  BAD_JSON: 400,
  INVALID_ID_NUMBER: 400,
  INVALID_FILE: 400,
  IMPORT_INVALID: 422,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  WRONG_PASSWORD: 400,
  WRONG_CODE: 400,
  SECOND_FACTOR_REQUIRED: 401,
  SESSION_EXPIRED: 401,
  ACCOUNT_LOCKED: 423,
  CSRF: 403,
  FORBIDDEN: 403,
  TOTP_SETUP_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  INVALID_MOVE: 409,
  INVALID_STATE: 409,
  PASSWORD_POLICY: 400,
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error a client can act on: a stable code, a Chinese and an English message, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageEn: string;
  readonly details?: unknown;
  constructor(code: ErrorCode, messageZh: string, messageEn: string, details?: unknown) {
    super(messageZh);
    this.code = code;
    this.messageEn = messageEn;
    this.details = details;
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

/** Shorthands for the commonest errors. */
export const errors = {
  notFound: (what = '记录', whatEn = 'record') => new AppError('NOT_FOUND', `${what}不存在或无权访问`, `${whatEn} not found or not accessible`),
  forbidden: () => new AppError('FORBIDDEN', '无权执行此操作', 'you may not do this'),
  conflict: (zh: string, en: string, details?: unknown) => new AppError('CONFLICT', zh, en, details),
  validation: (zh: string, en: string, details?: unknown) => new AppError('VALIDATION', zh, en, details),
};
