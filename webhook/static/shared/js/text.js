// The words every staff page's scripts show (sign-in, errors, roles) and how dates are written. Each page's
// own text.js adds its words to these.

export const COMMON_TEXT = {
  offline: "Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.",
  serverError: "Máy chủ đang gặp sự cố, vui lòng thử lại sau ít phút.",
  invalid: "Dữ liệu gửi lên không hợp lệ, vui lòng kiểm tra lại.",
  expired: "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.",
  signedOut: "Bạn đã đăng xuất.",
  roles: { manager: "Cán bộ quản lý", staff: "Cán bộ tiếp nhận" },
  subtitle: (province) => `Trợ lý Dịch vụ công – ${province}`,
  none: "—",
};

// "2026-11-30" -> "30/11/2026": calendar dates need no time zone.
export const formatDate = (iso) => {
  if (!iso) return COMMON_TEXT.none;
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
};

const DATE_TIME = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
export const formatDateTime = (iso) => DATE_TIME.format(new Date(iso));
