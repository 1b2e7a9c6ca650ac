"""`python -m ops.action_server --port N`: rasa_sdk's action server, in one process, on the internal interface
(loopback unless TLDVC_INTERNAL_INTERFACE names another, README: "Scale-out").

`python -m rasa_sdk` imports the actions (torch, sentence-transformers) in a main process, then again in a
spawned Sanic worker that must report ready within Sanic's fixed 30 s. On a busy machine the import alone
took 36 s, so the server shut itself down, also when it was restarted after a crash beside a loaded Rasa.
Served in one process, the actions are imported once, no start-up deadline applies, and the main process's
memory (about 470 MB) is spared. The app is rasa_sdk's own, with its plugin hook (actions/server.py).
"""

from __future__ import annotations

import argparse
import logging

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app_for_serve
from rasa_sdk.executor import ActionExecutor

from settings import get_settings

ACTIONS_PACKAGE = "actions"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m ops.action_server", description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    utils.configure_colored_logging(logging.INFO)
    utils.update_sanic_log_level()
    executor = ActionExecutor()
    executor.register_package(ACTIONS_PACKAGE)
    # No CORS: only Rasa calls the action server.
    app = create_app_for_serve(executor, cors_origins=None)
    app.run(host=get_settings().internal_interface, port=args.port, single_process=True)


if __name__ == "__main__":
    main()
