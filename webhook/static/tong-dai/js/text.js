// Every word the hotline console's scripts show that is not in index.html or sent by the API, over the words
// all staff pages share (../../shared/js/text.js). Complaint kinds come from the API with their labels.
import { COMMON_TEXT } from "../../shared/js/text.js";

export { formatDate } from "../../shared/js/text.js";

const TIME = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  hour: "2-digit",
  minute: "2-digit",
});
// "14:05", Vietnam time, for the lines of a conversation.
export const formatTime = (iso) => TIME.format(new Date(iso));

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
  // The "Hàng chờ" tab: conversations the bot handed to staff.
  queue: {
    waitingCount: (count) => `${count} cuộc đang chờ`,
    nobody: "Chưa có ai cần gặp cán bộ.",
    status: (waiting, taken) => {
      const first = waiting ? `${waiting} cuộc trò chuyện đang chờ nhận` : "Chưa có cuộc trò chuyện nào chờ nhận";
      return taken ? `${first}, ${taken} cuộc đang có cán bộ xử lý.` : `${first}.`;
    },
    newWaiting: (count) => `Hàng chờ: ${count} người dân mới cần gặp cán bộ.`,
    channels: { web: "Trang web", zalo: "Zalo" },
    reasons: {
      requested: "Người dân xin gặp cán bộ",
      repeated_failure: "Trợ lý ảo không hiểu câu hỏi hai lần liền",
    },
    quoted: (text) => `«${text}»`,
    noMessage: "(không có tin nhắn)",
    waited: (minutes) => (minutes < 1 ? "vừa chuyển đến" : `đã chờ ${minutes} phút`),
    since: (minutes) => (minutes < 1 ? "chuyển đến vừa xong" : `chuyển đến ${minutes} phút trước`),
    unclaimed: "Chưa ai nhận",
    heldByMe: "Bạn đang xử lý",
    heldBy: (username) => `${username} đang xử lý`,
    heldElsewhere: (username) =>
      `Cán bộ ${username} đang xử lý cuộc trò chuyện này: chỉ cán bộ đó trả lời được.`,
    title: (channel) => `Cuộc trò chuyện qua ${channel}`,
    conversationId: (id) => `mã ${id}`,
    authors: { citizen: "Người dân", bot: "Trợ lý ảo", staff: "Cán bộ" },
    emptyTranscript: "Chưa có tin nhắn nào.",
    characters: (used, limit) => `${used}/${limit} ký tự`,
    emptyReply: "Hãy nhập câu trả lời trước khi gửi.",
    released: "Đã trả cuộc trò chuyện lại cho trợ lý ảo.",
    closed: "Cuộc trò chuyện này đã được trả lại cho trợ lý ảo.",
  },
};
