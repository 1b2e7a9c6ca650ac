// Every word the hotline console's scripts show that is not in index.html or sent by the API, over the words
// all staff pages share (../../shared/js/text.js). Complaint kinds come from the API with their labels.
import { COMMON_TEXT } from "../../shared/js/text.js";

export { formatDate } from "../../shared/js/text.js";

const PERCENT = new Intl.NumberFormat("vi-VN", { style: "percent" });

export const TEXT = {
  ...COMMON_TEXT,
  // How well a suggestion fits, by the bot's own rules (the API's `match`).
  match: { high: "Khớp cao", ask: "Cần hỏi lại", low: "Ít khớp" },
  matchHint: {
    high: "trợ lý ảo cũng trả lời ngay thủ tục này",
    ask: "hỏi lại người gọi cho chắc trước khi hướng dẫn",
    low: "chỉ dùng khi người gọi xác nhận đúng thủ tục này",
  },
  fitHint: (confidence, match) => `độ tin cậy ${PERCENT.format(confidence)}: ${TEXT.matchHint[match]}`,
  searching: "Đang tìm…",
  firstSearch: "Đang tìm… Lần tìm đầu tiên sau khi máy chủ khởi động có thể mất vài giây.",
  found: (count, question) => `${count} thủ tục gợi ý cho «${question}».`,
  nothingFound: (question) =>
    `Không tìm thấy thủ tục nào cho «${question}». Hãy hỏi người gọi thêm chi tiết.`,
  emptyQuestion: "Hãy nhập câu hỏi của người gọi để tìm thủ tục.",
  facts: {
    time: "Thời gian giải quyết",
    fee: "Phí, lệ phí",
    where: "Nơi nộp",
    online: "Trực tuyến",
    documents: "Giấy tờ",
  },
  documentsCount: (count) => `${count} giấy tờ`,
  notStated: "Chưa có trong dữ liệu",
  underReview: "Không báo phần đang xác minh cho người gọi",
  underReviewValue: "Đang xác minh lại: không báo cho người gọi",
  online: {
    full: "Làm trọn thủ tục trực tuyến",
    partial: "Nộp hồ sơ trực tuyến, còn bước phải làm trực tiếp",
    submit: "Nộp được hồ sơ trực tuyến",
    none: "Chưa nhận hồ sơ trực tuyến (nộp trực tiếp)",
    none_or_post: "Chưa nhận hồ sơ trực tuyến (nộp trực tiếp hoặc qua bưu chính)",
  },
  onlinePage: "trang nộp trực tuyến của thủ tục",
  spoken: "Câu trả lời đọc cho người gọi",
  copy: "Sao chép",
  copyCode: "Sao chép mã",
  copied: "Đã sao chép",
  copyFailed: "Không sao chép được: hãy bôi đen đoạn văn rồi nhấn Ctrl+C.",
  open: "Xem đầy đủ",
  complainAbout: "Ghi phản ánh về thủ tục này",
  procedureLabel: ({ short_name: name, code }) => `${name} (${code})`,
  chooseKind: "— Chọn loại phản ánh —",
  answerDue: (date) => `Hạn trả lời: ${date}.`,
  channels: { "trực tuyến": "Trực tuyến", "trực tiếp": "Trực tiếp", "bưu chính": "Qua bưu chính" },
  summary: {
    code: "Mã thủ tục",
    shortName: "Tên thường gọi",
    field: "Lĩnh vực",
    levels: "Cấp thực hiện",
    agency: "Cơ quan thực hiện",
    receiving: "Nơi tiếp nhận",
    audience: "Đối tượng",
    online: "Trực tuyến",
    result: "Kết quả",
    aliases: "Người dân hay gọi",
  },
  howToGet: (text) => `Nơi cấp: ${text}`,
  source: "Nguồn",
  updated: (date) => `cập nhật ${date}`,
};
