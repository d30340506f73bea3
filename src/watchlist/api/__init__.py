"""The REST API: FastAPI routes over the store and the screening engine."""

from watchlist.api.app import create_app, create_app_from_env
from watchlist.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app", "create_app_from_env"]
