// Every word the dashboard's scripts show that is not in index.html or sent by the API, over the words all
// staff pages share (../../shared/js/text.js), and how dates and numbers are written. The workflow's own
// labels (states, kinds, weeks) come from the API.
import { COMMON_TEXT } from "../../shared/js/text.js";

export { formatDate, formatDateTime } from "../../shared/js/text.js";

export const TEXT = {
  ...COMMON_TEXT,
  unresolved: "Chưa giải quyết",
  allStates: "Tất cả trạng thái",
  loading: "Đang tải…",
  noComplaints: "Không có phản ánh nào khớp bộ lọc.",
  queueSummary: (total, page, pages) => `${total} phản ánh · trang ${page}/${pages}`,
  overdue: (days) => `Quá hạn ${days} ngày làm việc`,
  onTime: "Trong hạn",
  late: (days) => `Trễ ${days} ngày làm việc`,
  notAssigned: "Chưa phân công",
  citizenActor: "Người dân (qua trợ lý)",
  filed: "Tiếp nhận phản ánh",
  assignedTo: (name) => `Giao cho: ${name}`,
  actor: (name) => `Người thực hiện: ${name}`,
  internalNote: "Ghi chú nội bộ",
  publicReply: "Trả lời người dân",
  noReply: "Chưa có trả lời nào gửi người dân.",
  assignedNotice: (name) => `Đã phân công cho ${name}.`,
  statusNotice: (label) => `Đã chuyển sang «${label}».`,
  chooseAssignee: "— Chọn cán bộ —",
  chooseState: "— Chọn trạng thái —",
  yes: "Có",
  no: "Không",
  facts: {
    status: "Trạng thái",
    kind: "Loại phản ánh",
    procedure: "Thủ tục",
    dossier: "Mã hồ sơ",
    agency: "Cơ quan",
    submitted: "Ngày nộp hồ sơ",
    promised: "Ngày hẹn trả kết quả",
    dossierLate: "Hồ sơ trễ hẹn",
    created: "Tiếp nhận phản ánh",
    answerDue: "Hạn trả lời",
    overdue: "Quá hạn trả lời",
    assignee: "Cán bộ xử lý",
    channel: "Kênh tiếp nhận",
    name: "Họ tên",
    phone: "Số điện thoại",
    phoneMasked: "(đã che một phần)",
    consent: "Đồng ý được gọi lại",
  },
  exportFile: "phan-anh.csv",
  statsPeriod: (from, to, filed) => `Từ ${from} đến ${to}: ${filed} phản ánh được tiếp nhận.`,
  granularity: { week: "tuần", month: "tháng" },
  countLabel: "Số phản ánh",
  ratingsLabel: "Số lượt đánh giá",
  stars: (n) => `${n} sao`,
  satisfactionLabel: (n) => `điểm hài lòng trung bình (thang 5, ${n} lượt đánh giá)`,
  otherAgencies: "Các cơ quan khác",
  agencyColumn: "Cơ quan",
  stateColumn: "Trạng thái",
  periodColumn: "Khoảng thời gian",
  ratingColumn: "Số sao",
  dataTable: "Bảng số liệu",
  noData: "Chưa có số liệu trong kỳ này.",
  chartSummary: (title, parts) => `${title}. ${parts.join("; ")}.`,
  frictionSummary: (from, to, n) =>
    `Từ ${from} đến ${to}: ${n} thủ tục được hỏi hoặc bị phản ánh, điểm vướng mắc cao nhất trước.`,
  noFriction: (from, to) => `Chưa có dữ liệu trong khoảng thời gian này (từ ${from} đến ${to}).`,
  unnamedProcedure: "Chưa rõ tên thủ tục",
  ratingCount: (n) => `(${n} lượt)`,
  walkthroughsStarted: (n) => `trong ${n} cuộc bắt đầu`,
  // "thu-tuc-vuong-mac_2026-11-01_2026-11-30.csv", the period in the name so several downloads stay apart
  frictionFile: (...days) => `${["thu-tuc-vuong-mac", ...days].filter(Boolean).join("_")}.csv`,
  unansweredSummary: (groups, questions) => `${groups} nhóm, gồm ${questions} lần hỏi.`,
  noUnanswered: "Không có câu hỏi nào bot chưa trả lời được trong khoảng thời gian này.",
  groupCounts: (conversations, questions) => `${conversations} cuộc hỏi · ${questions} lần hỏi`,
  lastAsked: "lần gần nhất",
  outcomesLabel: "Bot đã",
  outcomes: {
    unsure: "gợi ý thủ tục nhưng chưa chắc",
    no_match: "không tìm thấy thủ tục phù hợp",
    not_understood: "không hiểu câu hỏi",
    out_of_scope: "coi là ngoài phạm vi",
  },
  nearestProcedure: "Thủ tục bot đã gợi ý",
  otherWordings: "Cách hỏi khác",
};

const NUMBER = new Intl.NumberFormat("vi-VN");
export const formatNumber = (n) => NUMBER.format(n);
// An average out of 5: "4,0", "4,33".
const AVERAGE = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 2 });
export const formatAverage = (n) => AVERAGE.format(n);

// A moment's calendar date in Vietnam, as "YYYY-MM-DD" (the value of an <input type="date">).
const ISO_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
export const vietnamDay = (moment) => ISO_DAY.format(new Date(moment));

// Today's date in Vietnam, or that many days from it.
export const vietnamDate = (daysFromToday = 0) => vietnamDay(Date.now() + daysFromToday * 86_400_000);
