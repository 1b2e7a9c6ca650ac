"""Command line: build the offline model, evaluate on a question file, benchmark against BM25."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from knowledge_base.national_names import load_national_names
from knowledge_base.schema import Procedure

NATIONAL_CATALOGUE = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "national_tthc.jsonl.gz"
)
DEV_QUESTIONS = NATIONAL_CATALOGUE.parent.parent / "eval" / "dev_questions.jsonl"


def load_kb(kb: Path | None) -> list[Procedure]:
    """A national catalogue file (.jsonl.gz), a province KB folder, or by default the product's own KB."""
    from knowledge_base.importer import read_catalogue
    from knowledge_base.loader import load_procedures

    if kb is None:
        return load_procedures()
    if kb.is_file():
        return read_catalogue(kb)
    return load_procedures(province_dir=kb)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m search_index")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-model", help="build the offline e5 model folder (setup runs this)")
    build.add_argument("--force", action="store_true", help="rebuild even if the cached folder exists")
    evaluation = commands.add_parser("eval", help="recall@1/5, MRR@10 and latency on a question file")
    evaluation.add_argument("--questions", type=Path, required=True, help="jsonl with id, question, gold")
    evaluation.add_argument("--kb", type=Path, help="national .jsonl.gz or a KB folder (default: product KB)")
    commands.add_parser(
        "citizens", help="citizen-style questions in and out of the product KB: answered outright, sure-wrong"
    )
    commands.add_parser(
        "calibrate", help="fit when the best hit is answered outright, on the citizen questions"
    )
    benchmark = commands.add_parser("bench", help="build time, latency, memory; hybrid against BM25")
    benchmark.add_argument("--questions", type=Path, default=DEV_QUESTIONS)
    benchmark.add_argument("--kb", type=Path, default=NATIONAL_CATALOGUE)
    args = parser.parse_args(argv)

    if args.command == "build-model":
        from search_index.embedding_model import build_default_model

        print(build_default_model(force=args.force))
    elif args.command == "eval":
        from search_index import ProcedureSearch
        from search_index.evaluate import evaluate, read_questions, table

        search = ProcedureSearch.open(load_kb(args.kb), load_national_names(), show_progress=True)
        result = evaluate(lambda q: search.search(q, k=10), read_questions(args.questions))
        print(table({"hybrid": result}))
        print(json.dumps(result))
    elif args.command == "citizens":
        from search_index import ProcedureSearch
        from search_index.evaluate import (
            CITIZEN_IN_KB,
            CITIZEN_OUT_OF_KB,
            citizen_report,
            citizen_splits,
            citizen_table,
            read_citizen_questions,
        )

        search = ProcedureSearch.open(load_kb(None), load_national_names())
        results = {
            split: citizen_report(
                lambda q: search.search(q, k=1),
                read_citizen_questions(CITIZEN_IN_KB, split),
                read_citizen_questions(CITIZEN_OUT_OF_KB, split),
            )
            for split in citizen_splits(CITIZEN_IN_KB, CITIZEN_OUT_OF_KB)
        }
        print(citizen_table(results))
        print(json.dumps(results))
    elif args.command == "calibrate":
        from search_index import ProcedureSearch
        from search_index.certainty import MODEL_FILE, fit, outcomes
        from search_index.evaluate import CITIZEN_IN_KB, CITIZEN_OUT_OF_KB, calibration_examples

        search = ProcedureSearch.open(load_kb(None), load_national_names())
        examples = calibration_examples(search, CITIZEN_IN_KB, True)
        examples += calibration_examples(search, CITIZEN_OUT_OF_KB, False)
        model, probabilities = fit(examples)
        model.save()
        print(f"{MODEL_FILE}: threshold {model.threshold} from {len(examples)} questions")
        print("cross-validated:", json.dumps(outcomes(probabilities, examples, model.threshold)))
    else:
        from search_index.bench import bench
        from search_index.evaluate import read_questions, table

        result = bench(load_kb(args.kb), read_questions(args.questions))
        print(f"procedures: {result['procedures']}")
        print(f"index build: {result['build_seconds']} s")
        print(f"resident memory: {result['resident_memory_mb']} MB")
        print(table({"hybrid": result["hybrid"], "bm25": result["bm25"]}))
        print(json.dumps(result))


if __name__ == "__main__":
    main()
