"""Where the project's tools and artefacts are."""

from settings import PROJECT_ROOT

RASA_BIN = PROJECT_ROOT / ".venv" / "rasa" / "bin" / "rasa"
APP_PYTHON = PROJECT_ROOT / ".venv" / "app" / "bin" / "python"
BOT_DIR = PROJECT_ROOT / "bot"
MODELS_DIR = BOT_DIR / "models"
VAR_DIR = PROJECT_ROOT / "var"
LOG_DIR = VAR_DIR / "logs"
