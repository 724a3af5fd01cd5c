// The one list of error codes: HTTP status and the Chinese message users read.
// The server maps AppError to HTTP in one place (server/platform/errors.ts);
// the README links here as the documented list.
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查标红的字段' },
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  AUTH_REQUIRED: { status: 401, message: '请先登录' },
  AUTH_INVALID: { status: 401, message: '账号或密码错误' },
  AUTH_LOCKED: { status: 423, message: '登录失败次数过多，已暂停登录，请稍后再试或联系管理员解锁' },
  AUTH_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  PASSWORD_WRONG: { status: 400, message: '当前密码不正确' },
  PASSWORD_WEAK: { status: 400, message: '新密码至少 8 位，且须同时包含字母和数字' },
  PASSWORD_CHANGE_REQUIRED: { status: 409, message: '请先修改初始密码，再继续使用系统' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  ORIGIN_MISMATCH: { status: 403, message: '请求来自其他网站，已拒绝；请在本系统的页面中操作' },
  NOT_FOUND: { status: 404, message: '记录不存在或无权查看' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  CONFLICT: { status: 409, message: '记录已被他人修改，请刷新后重试' },
  INVALID_STATE: { status: 409, message: '当前状态下不能进行此操作，请刷新后查看最新状态' },
  DUPLICATE: { status: 409, message: '记录已存在' },
  CONFIRMATION_REQUIRED: { status: 409, message: '此操作会改变已有记录（如已派遣问题的整改期限），请确认 details 中列出的变化后再提交' },
  IN_USE: { status: 409, message: '记录仍在使用中，不能删除' },
  IMPORT_INVALID: { status: 400, message: '导入文件有错误，整个文件未导入，请按错误清单修改后重新上传' },
  MAP_SETTING_INVALID: { status: 400, message: '底图设置无效，未保存；地图继续按记录绘制' },
  RANGE_NOT_SATISFIABLE: { status: 416, message: '请求的字节范围无效' },
  BOUNDARY_INVALID: { status: 400, message: '边界文件无效，整个文件未导入' },
  FILE_TOO_LARGE: { status: 413, message: '文件过大' },
  UNSUPPORTED_FILE: { status: 415, message: '文件格式不支持' },
  NOT_ACCEPTABLE: { status: 406, message: '此接口只以事件流（text/event-stream）回答，请用 EventSource 或带 Accept: text/event-stream 连接' },
  FILE_REFUSED: { status: 415, message: '文件与其名称不符或类型不允许（可执行文件、压缩包、启用宏的 Office 文件），未上传' },
  IMAGE_TOO_LARGE: { status: 413, message: '图片像素过大，最大 1.2 亿像素（约 12000×10000），请缩小后重新上传' },
  IMPORT_TOO_LARGE: { status: 413, message: '导入文件过大：一次最多导入 50,000 行、解压后不超过 100 MB，请分批导入' },
  CHECKIN_CODE_WRONG: { status: 400, message: '签到码不正确：请核对组织方出示的 6 位签到码（只对本场活动有效）' },
  CHECKIN_CLOSED: { status: 409, message: '不在签到时间内：签到码只在活动进行期间有效' },
  POLL_INELIGIBLE: { status: 422, message: '受访者不符合调查对象条件（18-65 周岁、在本地居住满 6 个月），答卷未保存' },
  BUSY: { status: 503, message: '服务器正忙，请稍后再试' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  REGION_UNKNOWN: { status: 404, message: '未找到该行政区划代码' },
  DB_UNAVAILABLE: { status: 503, message: '数据库暂不可用' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后再试' },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

/** Shape of every error body the API sends. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldError[]; details?: unknown };
}
