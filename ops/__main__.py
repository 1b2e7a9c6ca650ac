"""`python -m ops prepare|train|run|rasa|nlu-eval|migrate|users|load`: build, run, accounts, load."""

from __future__ import annotations

import argparse
import os
import signal
import time

from ops import load, rasa_checks, users
from ops.services import RunningServices, product_services, rasa_service
from ops.training import ensure_trained_model
from settings import PROJECT_ROOT, get_settings


def prepare() -> None:
    """Embedding model, search index and Rasa model: each rebuilt only when its inputs changed."""
    # Imported here, so that the launcher of `run` does not hold torch and the model in memory.
    from knowledge_base.loader import load_procedures
    from knowledge_base.national_names import load_national_names
    from search_index import ProcedureSearch
    from search_index.embedding_model import build_default_model

    settings = get_settings()
    migrate()
    if not settings.embedding_model:
        build_default_model()
    procedures = load_procedures(settings.province_dir, settings.national_catalogue)
    ProcedureSearch.open(procedures, load_national_names())
    ensure_trained_model()


def migrate() -> None:
    """The database schema belongs to the migrations: run at setup and at every start, never lazily."""
    from storage.migrations import upgrade_database_at

    upgrade_database_at()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run() -> None:
    """Start every service (`make run` prepares the artefacts first) and stop them all on Ctrl-C."""
    settings = get_settings()
    migrate()
    services = RunningServices(product_services(settings, ensure_trained_model()))
    # Installed explicitly: a shell that starts us in the background may have set SIGINT to be ignored.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.perf_counter()
    try:
        services.start()
        services.wait_healthy()
        print(
            f"All services up in {time.perf_counter() - started:.0f} s.\n"
            f"  Web chat and API: http://{settings.gateway_host}:{settings.gateway_port}/ "
            f"(OpenAPI at /docs, health at /health)\n"
            f"  Rasa: {settings.rasa_url}   Action server: {settings.action_server_url}\n"
            "Logs in var/logs/. Press Ctrl-C to stop.",
            flush=True,
        )
        while all(p.poll() is None for p in services.processes.values()):
            time.sleep(1.0)
        print("A service exited; stopping the others. See var/logs/.", flush=True)
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
    finally:
        services.stop()


def rasa() -> None:
    """One Rasa server in the foreground, on TLDVC_INTERNAL_INTERFACE and TLDVC_RASA_URL's port, with the
    tracker and lock stores the settings name: one of several instances (README: "Scale-out")."""
    service = rasa_service(get_settings(), ensure_trained_model())
    os.chdir(PROJECT_ROOT)
    os.execve(service.argv[0], service.argv, {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **service.env})


def nlu_eval() -> None:
    """Intent macro-F1 of the trained model on the held-out NLU splits, with and without diacritics."""
    for split in rasa_checks.HOLDOUT_SPLITS:
        print(f"intent macro-F1, held-out {split}: {rasa_checks.intent_macro_f1(split):.3f}", flush=True)


def main() -> None:
    commands = {"prepare": prepare, "train": ensure_trained_model, "run": run, "rasa": rasa,
                "nlu-eval": nlu_eval, "migrate": migrate}  # fmt: skip
    parser = argparse.ArgumentParser(prog="python -m ops", description=__doc__)
    parser.add_argument("command", choices=[*commands, "users", "load"])
    args, rest = parser.parse_known_args()
    if args.command == "users":
        users.run(rest)
    elif args.command == "load":
        load.main(rest)
    else:
        commands[args.command]()


if __name__ == "__main__":
    main()
